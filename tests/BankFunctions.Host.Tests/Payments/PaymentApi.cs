using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>Small helpers the payment tests share.</summary>
internal static class PaymentApi
{
    public static object EurPayment(string account, string value = "125.00", string? e2e = null) => new
    {
        debtorAccountId = account,
        amount = new { currency = "EUR", value },
        creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
        remittanceInformation = "Invoice 42",
        endToEndId = e2e,
    };

    public static object CnyPayment(string account, string value = "1250.00") => new
    {
        debtorAccountId = account,
        amount = new { currency = "CNY", value },
        creditor = new { name = "深圳市供应商有限公司", accountNumber = "6225880112345678", bankCode = "308584000013" },
        remittanceInformation = "货款 2026-11",
    };

    public static async Task<HttpResponseMessage> Submit(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<HttpResponseMessage> Act(HttpClient client, string path) =>
        await client.PostAsync(path, null);
}
