using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Host.Tests.EndToEnd;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// Issue #16's scan: one end-to-end run (payments to both banks, an incoming credit, statement pulls), then every
/// table entity (keys and every property) and every blob in Azurite is read raw — without the host's decrypting
/// pipeline — and searched for the plaintext of the sensitive values the run used.
/// </summary>
internal static class PlaintextScan
{
    public const string PayerName = "Payer Zwolle BV";
    public const string PayerAccount = "NL02RABO0123456789";
    public const string PayerRemittance = "Scan credit remittance 7731";

    /// <summary>Runs the scenario; returns the sensitive values it stored.</summary>
    public static async Task<string[]> RunAsync(EndToEndFixture e2e)
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var eur = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        var cny = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await e2e.WaitForAsync(o.Tenant, eur, TimeSpan.FromSeconds(40), "completed", "rejected", "failed", "needs_attention")).GetProperty("status").GetString());
        Assert.Equal("completed", (await e2e.WaitForAsync(o.Tenant, cny, TimeSpan.FromSeconds(40), "completed", "rejected", "failed", "needs_attention")).GetProperty("status").GetString());
        var credit = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{o.IsoIban}/credits",
            new { amount = "40.00", remittance = PayerRemittance, counterpartyName = PayerName, counterpartyAccount = PayerAccount });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null)).StatusCode);
        // The API reads the values back in clear: encryption is transparent to every feature.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!(await viewer.GetStringAsync($"v1/accounts/{o.EurAccount}/transactions")).Contains(PayerName, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the credit was not pulled in 40 s");
            await Task.Delay(200);
        }
        var payment = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{eur}");
        Assert.Equal("Muster GmbH", payment.GetProperty("creditor").GetProperty("name").GetString());
        Assert.Equal("GB82WEST12345698765432", payment.GetProperty("creditor").GetProperty("iban").GetString());
        var (secret, previousSecret) = await WebhookSecretsAsync(admin);
        return
        [
            "Muster GmbH", "GB82WEST12345698765432", "Invoice 42", "深圳市供应商有限公司", "6225880112345678", "货款 2026-11",
            o.IsoIban, o.CnyNumber, PayerName, PayerAccount, PayerRemittance, secret, previousSecret,
        ];
    }

    /// <summary>
    /// A webhook endpoint whose secret was rotated (so both the current and the previous secret are stored); its test
    /// delivery is signed with both, which the host can only do by reading them back in clear.
    /// </summary>
    private static async Task<(string Secret, string PreviousSecret)> WebhookSecretsAsync(HttpClient admin)
    {
        using var receiver = new WebhookReceiver();
        var created = await Json(await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = receiver.Url }));
        var id = created.GetProperty("id").GetString()!;
        var first = created.GetProperty("secret").GetString()!;
        var second = (await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/rotate-secret", null))).GetProperty("secret").GetString()!;
        var test = await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/test", null));
        Assert.True(test.GetProperty("delivered").GetBoolean());
        var message = Assert.Single(receiver.All, m => m.Id == test.GetProperty("eventId").GetString());
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(first, [message]));
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(second, [message]));
        return (second, first);
    }

    /// <summary>Every place ("table/PK/RK/column" or "container/blob") where one of <paramref name="secrets"/> is stored in clear.</summary>
    public static async Task<List<string>> FindAsync(string connectionString, IReadOnlyList<string> secrets)
    {
        var found = new List<string>();
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (column, value) in entity)
                {
                    if (value is string text && secrets.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal)) is { } secret)
                    {
                        found.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{column}: {secret}");
                    }
                }
            }
        }
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                var text = Encoding.UTF8.GetString(content);
                foreach (var secret in secrets.Where(s => text.Contains(s, StringComparison.Ordinal)))
                {
                    found.Add($"{container.Name}/{blob.Name}: {secret}");
                }
            }
        }
        return found;
    }
}
