using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class OpenApiAndHealthTests(HostFixture host)
{
    [Fact]
    public async Task OpenApi_31_document_describes_every_http_function()
    {
        using var client = host.Client();
        var doc = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        Assert.Equal("3.1.0", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var function in FunctionCatalog.All)
        {
            if (function.Trigger is not HttpTrigger http)
            {
                continue;
            }
            // OpenAPI has no catch-all parameter: console/{*path} is documented as console/{path}.
            Assert.True(paths.TryGetProperty("/" + http.Route.Replace("{*", "{", StringComparison.Ordinal), out var item), $"{http.Route} missing");
            var operation = item.GetProperty(http.Method.ToLowerInvariant());
            Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
            Assert.True(operation.GetProperty("responses").TryGetProperty(http.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
            if (http.RequestBody is not null)
            {
                Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
            }
        }
        var payment = paths.GetProperty("/v1/payments").GetProperty("post");
        Assert.Contains(payment.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        var reference = payment.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = doc.GetProperty("components").GetProperty("schemas").GetProperty(reference["#/components/schemas/".Length..]);
        Assert.True(schema.GetProperty("properties").TryGetProperty("debtorAccountId", out _));
        var import = paths.GetProperty("/v1/accounts/{id}/statements").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal("binary", import.GetProperty("text/plain").GetProperty("schema").GetProperty("format").GetString());
        Assert.True(import.TryGetProperty("application/xml", out _));
    }

    [Fact]
    public async Task Health_reports_each_dependency()
    {
        using var client = host.Client();
        var response = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        var names = body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["tables", "queues", "blobs"], names);
    }

    [Fact]
    public async Task Traceparent_is_continued_into_problem_trace_id()
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/accounts");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var response = await client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", problem.GetProperty("traceId").GetString());
    }
}

public sealed class UnreachableBankFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.Settings["Banks:simbank-iso:BaseUrl"] = $"http://127.0.0.1:{BankFunctions.TestSupport.FreePort.Next()}/";
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class HealthWithUnreachableBankTests(UnreachableBankFixture fixture) : IClassFixture<UnreachableBankFixture>
{
    [Fact]
    public async Task Unreachable_bank_makes_health_503_with_details()
    {
        using var client = fixture.Host.Client();
        var response = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var bank = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "bank:simbank-iso");
        Assert.Equal("unavailable", bank.GetProperty("status").GetString());
    }
}
