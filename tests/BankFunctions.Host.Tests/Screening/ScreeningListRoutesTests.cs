using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Screening;

/// <summary>
/// PUT/GET /v1/admin/screening-lists against Azurite: the operator loads the published formats, sees what is loaded
/// (entries, names, time, hash), a bad file or type is problem details and keeps the list loaded before, tenants
/// cannot reach the routes. (ofac-sdn is loaded by the end-to-end test; this class keeps to the other sources.)
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ScreeningListRoutesTests(HostFixture host)
{
    [Fact]
    public async Task The_operator_loads_a_list_and_sees_what_is_loaded_with_its_hash()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var file = await File.ReadAllBytesAsync(ScreeningLists.SamplePath("eu_consolidated_sample.xml"));
        var put = await ScreeningLists.PutAsync(op, "eu-consolidated", file, "application/xml");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var loaded = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("eu-consolidated", 3, 5), (loaded.GetProperty("source").GetString(), loaded.GetProperty("entries").GetInt32(), loaded.GetProperty("names").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), loaded.GetProperty("sha256").GetString());
        Assert.Equal("application/xml", loaded.GetProperty("contentType").GetString());
        Assert.Equal("operator", loaded.GetProperty("loadedBy").GetString());

        var one = await op.GetFromJsonAsync<JsonElement>("v1/admin/screening-lists/eu-consolidated");
        Assert.Equal(loaded.GetProperty("sha256").GetString(), one.GetProperty("sha256").GetString());
        Assert.Equal(loaded.GetProperty("loadedAt").GetDateTimeOffset(), one.GetProperty("loadedAt").GetDateTimeOffset());

        var alt = await ScreeningLists.PutSampleAsync(op, "ofac-alt", "ofac_alt_sample.csv", "text/csv");
        Assert.Equal(HttpStatusCode.OK, alt.StatusCode);
        var all = await op.GetFromJsonAsync<JsonElement>("v1/admin/screening-lists");
        var sources = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("source").GetString()).ToList();
        Assert.Contains("eu-consolidated", sources);
        Assert.Contains("ofac-alt", sources);
        Assert.Equal("0.9000", all.GetProperty("threshold").GetString());
    }

    [Fact]
    public async Task Bad_input_is_problem_details_and_the_list_loaded_before_stays()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await ScreeningLists.PutSampleAsync(op, "ofac-alt", "ofac_alt_sample.csv", "text/csv")).StatusCode);
        var before = await op.GetFromJsonAsync<JsonElement>("v1/admin/screening-lists/ofac-alt");

        var broken = await ScreeningLists.PutAsync(op, "ofac-alt", Encoding.UTF8.GetBytes("36,12,\"aka\",\"AERO\r\n"), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType!.MediaType);
        var problem = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("line 1", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        var empty = await ScreeningLists.PutAsync(op, "ofac-alt", [], "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await ScreeningLists.PutSampleAsync(op, "ofac-alt", "ofac_alt_sample.csv", "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await ScreeningLists.PutSampleAsync(op, "eu-consolidated", "ofac_alt_sample.csv", "text/csv")).StatusCode);
        var wrongFormat = await ScreeningLists.PutSampleAsync(op, "eu-consolidated", "ofac_sdn_sample.xml", "application/xml");
        Assert.Equal(HttpStatusCode.BadRequest, wrongFormat.StatusCode);
        Assert.Contains("not <export>", (await wrongFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        var unknown = await ScreeningLists.PutSampleAsync(op, "un-consolidated", "eu_consolidated_sample.xml", "application/xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("ofac-sdn", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync("v1/admin/screening-lists/un-consolidated")).StatusCode);

        var after = await op.GetFromJsonAsync<JsonElement>("v1/admin/screening-lists/ofac-alt");
        Assert.Equal(before.GetProperty("sha256").GetString(), after.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Tenant_keys_cannot_load_or_see_the_lists()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.Client(tenant.Key("all"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ScreeningLists.PutSampleAsync(admin, "ofac-alt", "ofac_alt_sample.csv", "text/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("v1/admin/screening-lists")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("v1/admin/screening-lists/ofac-alt")).StatusCode);
    }
}
