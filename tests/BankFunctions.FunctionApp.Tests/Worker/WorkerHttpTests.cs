using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>HTTP functions of the built worker, through the host's gRPC contract and the worker's ASP.NET Core integration.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerHttpTests(WorkerFixture fixture)
{
    [Fact]
    public void The_worker_indexes_and_loads_every_function_of_its_metadata()
    {
        Assert.Equal(FunctionAppBuild.Metadata().Select(m => (string)m["name"]!).Order(), fixture.Driver.Functions.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task Routes_are_served_without_an_api_prefix()
    {
        using var client = fixture.Client();

        var health = await client.GetAsync("health");
        var prefixed = await client.GetAsync("api/health");

        await fixture.Expect(health, 200);
        await fixture.Expect(prefixed, 404);
    }

    [Theory]
    [InlineData("console/", "text/html")]
    [InlineData("console/payments/new", "text/html")]
    [InlineData("console/pages/accounts.js", "text/javascript")]
    public async Task The_console_is_served_by_its_catch_all_route_as_in_the_host(string path, string mediaType)
    {
        using var client = fixture.Client();

        var response = await client.GetAsync(path);

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}\n{Tail(fixture.Driver.WorkerOutput)}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([BankFunctions.Features.WebConsole.ConsoleAssets.ContentSecurityPolicy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.NotNull(response.Headers.ETag);
        await fixture.Expect(await client.GetAsync("console/missing.js"), 404);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    [Fact]
    public async Task The_first_tenant_is_created_on_storage_the_worker_initialised()
    {
        // Nothing but the worker has touched this Azurite: the tables exist only if its start-up created them.
        using var op = fixture.Client(WorkerFixture.OperatorKey);

        var created = await op.PostAsJsonAsync("v1/admin/tenants", new { id = "t" + Guid.NewGuid().ToString("N")[..12], name = "First" });

        await fixture.Expect(created, 201);
    }

    [Fact]
    public async Task A_40_MiB_statement_import_reaches_the_handler()
    {
        var (_, adminKey, account, _) = await fixture.OnboardAsync();
        using var admin = fixture.Client(adminKey);

        // Not a statement: the handler reads it all and answers 400; the worker's Kestrel must not stop it at 30,000,000 bytes.
        using var big = new ByteArrayContent(Filled(40 * 1024 * 1024));
        big.Headers.ContentType = new("text/plain");
        var read = await admin.PostAsync($"v1/accounts/{account}/statements", big);

        var problem = await fixture.Expect(read, 400);
        Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_problem_carries_the_callers_W3C_trace_id_as_in_the_host()
    {
        using var client = fixture.Client();
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/payments");
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");

        var problem = await fixture.Expect(await client.SendAsync(request), 401);

        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
    }

    private static byte[] Filled(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)'x');
        return bytes;
    }
}
