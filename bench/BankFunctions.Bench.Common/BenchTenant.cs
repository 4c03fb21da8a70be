using System.Net.Http.Json;
using System.Security.Cryptography;

namespace BankFunctions.Bench.Common;

/// <summary>
/// The bench tenant, set up like scripts/seed-demo.mjs does it: through the operator and admin API, with both bank
/// connections registered at BankSim, one funded account per bank and approval rules that need no approval, so that
/// submitted payments flow straight to signing.
/// </summary>
/// <param name="IsoKeyId">The signing key of the ISO connection (what signs its bank files).</param>
public sealed record BenchTenant(string Id, HttpClient Submitter, HttpClient Viewer, string EurAccount, string CnyAccount, string IsoKeyId)
{
    private const decimal Balance = 100_000_000m;

    public static async Task<BenchTenant> OnboardAsync(Uri host, Uri bankSim, string operatorKey, string id = "bench")
    {
        using var op = BenchApi.Client(host, operatorKey);
        (await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "Bench" })).EnsureSuccessStatusCode();
        async Task<string> Key(string role) =>
            (await BenchApi.Post(op, $"v1/admin/tenants/{id}/api-keys", new { name = role, roles = new[] { role } })).GetProperty("key").GetString()!;
        using var admin = BenchApi.Client(host, await Key("admin"));
        using var bank = new HttpClient { BaseAddress = bankSim };
        var balance = Balance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

        var iso = await BenchApi.Post(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "BENCH" });
        (await bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-iso", customerId = "BENCH", keyId = iso.GetProperty("keyId").GetString(), publicKeyPem = iso.GetProperty("publicKeyPem").GetString(),
            accounts = new[] { new { account = "DE89370400440532013000", currency = "EUR", name = "Bench", balance } },
        })).EnsureSuccessStatusCode();
        var sm4 = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var cmb = await BenchApi.Post(admin, "v1/bank-connections", new { bank = "simbank-cmb", uid = "BENCHUID01", sm4Key = sm4 });
        (await bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-cmb", uid = "BENCHUID01", sm4Key = sm4, sm2PublicKeyPem = cmb.GetProperty("sm2PublicKeyPem").GetString(),
            accounts = new[] { new { account = "755915678810001", currency = "CNY", name = "Bench", balance } },
        })).EnsureSuccessStatusCode();

        var eur = await BenchApi.Post(admin, "v1/accounts", new { bankConnectionId = iso.GetProperty("id").GetString(), iban = "DE89370400440532013000", currency = "EUR", name = "Bench" });
        var cny = await BenchApi.Post(admin, "v1/accounts", new { bankConnectionId = cmb.GetProperty("id").GetString(), accountNumber = "755915678810001", currency = "CNY", name = "Bench" });
        (await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 }, new { currency = "CNY", minAmount = "0.00", approvals = 0 } },
        })).EnsureSuccessStatusCode();
        return new BenchTenant(id, BenchApi.Client(host, await Key("submitter")), BenchApi.Client(host, await Key("viewer")),
            eur.GetProperty("id").GetString()!, cny.GetProperty("id").GetString()!, iso.GetProperty("keyId").GetString()!);
    }
}
