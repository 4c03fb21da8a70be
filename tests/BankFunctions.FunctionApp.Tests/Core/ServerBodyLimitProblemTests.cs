using System.Text.Json;
using BankFunctions.Features;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Hosting;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.FunctionApp.Tests.Core;

/// <summary>
/// A body stopped by the server's own limit (Kestrel's MaxRequestBodySize, in either host) is answered with a 413 that
/// names that limit, not the 1 MiB JSON limit. (Over a socket the server closes the connection while the client is
/// still sending, so the client usually sees a broken pipe rather than this answer; the message is checked here.)
/// </summary>
public sealed class ServerBodyLimitProblemTests
{
    [Fact]
    public async Task A_413_from_the_server_limit_names_the_server_limit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Operator:ApiKey"] = "test-operator-key-0123456789abcdef",
            ["Audit:SealKey"] = "test-audit-seal-key-0123456789abcdef0123",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddBankStorage(configuration);
        services.AddFeatures(configuration);
        services.AddScoped<BodyReader>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new Limit(RequestLimits.MaxRequestBodyBytes));
        context.Request.Method = "POST";
        context.Request.Body = new OverLimitBody();
        context.Response.Body = new MemoryStream();

        var result = await provider.GetRequiredService<HttpFunctionInvoker>()
            .InvokeAsync(new FunctionDefinition("Upload", new HttpTrigger("POST", "upload", Access.Anonymous, "test"), typeof(BodyReader)), context);
        await result.ExecuteAsync(context);

        Assert.Equal(413, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("The body must not exceed 52428800 bytes.", problem.RootElement.GetProperty("detail").GetString());
    }

    private sealed class BodyReader : IHttpHandler
    {
        public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
        {
            await context.Request.Body.CopyToAsync(Stream.Null, cancellationToken);
            return Results.Ok();
        }
    }

    private sealed class Limit(long bytes) : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => true;
        public long? MaxRequestBodySize { get => bytes; set => throw new InvalidOperationException(); }
    }

    /// <summary>What Kestrel's request body stream does past MaxRequestBodySize.</summary>
    private sealed class OverLimitBody : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }
}
