using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Counterparties;

/// <summary>The counterparty calls the counterparty tests share.</summary>
internal static class CounterpartyApi
{
    public const string Iban = "GB82WEST12345698765432";

    public static object Body(string name = "Muster GmbH", string iban = Iban) => new
    {
        name, email = "ap@muster.example", address = new { street = "Hauptstr. 1", postCode = "10115", town = "Berlin", country = "DE" },
        accounts = new object[] { new { iban, bic = "NWBKGB2L", label = "main" } },
        metadata = new Dictionary<string, string> { ["erp"] = "V-1" },
    };

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/counterparties") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return await client.SendAsync(request);
    }

    /// <summary>Creates one and answers (counterparty id, its first account's id).</summary>
    public static async Task<(string Id, string AccountId)> CreatedAsync(HttpClient client, object? body = null)
    {
        var response = await CreateAsync(client, body ?? Body());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("id").GetString()!, json.GetProperty("accounts")[0].GetProperty("id").GetString()!);
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, object body) =>
        client.PatchAsync($"v1/counterparties/{id}", JsonContent.Create(body));

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, string id, string accountId, string verb) =>
        client.PostAsJsonAsync($"v1/counterparties/{id}/accounts/{accountId}/{verb}", new { reason = "checked" });

    public static async Task<JsonElement> AccountAsync(HttpClient viewer, string id, string accountId)
    {
        var json = await viewer.GetFromJsonAsync<JsonElement>($"v1/counterparties/{id}");
        return json.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("id").GetString() == accountId);
    }

    public static async Task SettingsAsync(HttpClient admin, int accountApprovals, int firstPaymentExtra, int paymentApprovals = 0) =>
        (await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = paymentApprovals }, new { currency = "CNY", minAmount = "0.00", approvals = paymentApprovals } },
            counterpartyAccountChangeApprovals = accountApprovals,
            firstPaymentToNewAccountExtraApprovals = firstPaymentExtra,
        })).EnsureSuccessStatusCode();

    public static object PaymentTo(string debtor, string counterpartyId, string accountId, string value = "125.00") => new
    {
        debtorAccountId = debtor, amount = new { currency = "EUR", value }, counterpartyId, counterpartyAccountId = accountId, remittanceInformation = "Invoice 7",
    };

    public static async Task<IReadOnlyDictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
    }
}
