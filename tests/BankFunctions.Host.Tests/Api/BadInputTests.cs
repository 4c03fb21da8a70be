using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Api;

/// <summary>Bad input gets a precise RFC 9457 problem and changes nothing; never a 500.</summary>
[Collection(HostCollection.Name)]
public sealed class BadInputTests(HostFixture host)
{
    public static TheoryData<string, string, int, string?> Cases => new()
    {
        { "{\"name\":", "application/json", 400, null },                       // malformed JSON
        { "{\"name\": 5}", "application/json", 400, "name" },                  // wrong type
        { "{\"name\":\"x\",\"colour\":\"red\"}", "application/json", 400, null }, // unknown field
        { "[1,2]", "application/json", 400, null },                            // not an object
        { "", "application/json", 400, null },                                 // empty body
        { "null", "application/json", 400, null },                             // null
        { "{\"name\":\"x\"}", "text/plain", 415, null },                       // wrong content type
        { "{\"name\":\"x\"}", "application/json; charset=latin1", 415, null }, // wrong charset
        { "{\"name\":\"\"}", "application/json", 400, "name" },                // blank required
        { "{\"id\":\"UPPER\",\"name\":\"x\"}", "application/json", 400, "id" },  // invalid id
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_tenant_requests_are_problems(string body, string contentType, int status, string? field)
    {
        using var op = host.Client(HostFixture.OperatorKey);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await op.PostAsync("v1/admin/tenants", content);
        await AssertProblem(response, status, field);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        using var content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblem(await op.PostAsync("v1/admin/tenants", content), 400, null);
    }

    [Fact]
    public async Task Body_over_one_mebibyte_is_413()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var huge = "{\"name\":\"" + new string('a', 1024 * 1024 + 10) + "\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        await AssertProblem(await op.PostAsync("v1/admin/tenants", content), 413, null);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413_too()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 1024 * 1024 + 10) + "\"}");
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblem(await op.PostAsync("v1/admin/tenants", content), 413, null);
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_are_problems()
    {
        using var client = host.Client();
        await AssertProblem(await client.GetAsync("v1/nothing-here"), 404, null);
        await AssertProblem(await client.DeleteAsync("health"), 405, null);
    }

    [Fact]
    public async Task Bad_input_changes_nothing()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var id = "nochange-" + Guid.NewGuid().ToString("N")[..6];
        var bad = await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var good = await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "Now valid" });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, int status, string? field)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://bankfunctions.dev/problems/", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {text}");
        }
        return problem.Clone();
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
