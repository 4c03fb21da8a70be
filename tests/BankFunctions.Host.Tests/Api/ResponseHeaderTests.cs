namespace BankFunctions.Host.Tests.Api;

/// <summary>Security headers on every kind of response, and no Server header (issue #20 §4).</summary>
[Collection(HostCollection.Name)]
public sealed class ResponseHeaderTests(HostFixture host)
{
    [Fact]
    public async Task Api_responses_are_not_cached_not_sniffed_and_do_not_name_the_server()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("all"));
        using var anonymous = host.Client();
        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("api keys", await admin.GetAsync("v1/api-keys")),
            ("payments", await admin.GetAsync("v1/payments")),
            ("audit", await admin.GetAsync("v1/audit")),
            ("transactions", await admin.GetAsync($"v1/accounts/{t.EurAccount}/transactions")),
            ("401", await anonymous.GetAsync("v1/payments")),
            ("unknown route", await admin.GetAsync("v1/nothing-here")),
        };
        foreach (var (what, response) in responses)
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {response.Headers.CacheControl}");
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.False(response.Headers.Contains("Server"), $"{what}: Server {string.Join(",", response.Headers.Server)}");
        }
        var openApi = await anonymous.GetAsync("openapi/v1.json");
        Assert.Equal(["nosniff"], openApi.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(openApi.Headers.Contains("Server"));
    }
}
