using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>The expected-payment calls the receivables tests share.</summary>
internal static class ExpectedPaymentApi
{
    public static object Credit(string account, string value, string? reference = null, string currency = "EUR", string from = "2026-01-01", string to = "2026-12-31") => new
    {
        accountId = account, direction = "credit", amount = new { currency, value }, window = new { from, to }, reference, externalId = "ERP-" + value,
        metadata = new Dictionary<string, string> { ["erp"] = "test" },
    };

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/expected-payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return await client.SendAsync(request);
    }

    public static async Task<string> CreatedIdAsync(HttpClient client, object body)
    {
        var response = await CreateAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static Task<JsonElement> GetAsync(HttpClient viewer, string id) => viewer.GetFromJsonAsync<JsonElement>($"v1/expected-payments/{id}");

    public static decimal Value(JsonElement money) => decimal.Parse(money.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
