using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>Issue #16: after an end-to-end run with encryption at rest on, no sensitive value is stored in clear.</summary>
public sealed class EncryptionScanTests(EncryptedEndToEndFixture e2e) : IClassFixture<EncryptedEndToEndFixture>
{
    [Fact]
    public async Task No_sensitive_value_is_in_clear_in_any_table_blob_or_queue_after_an_end_to_end_run()
    {
        var secrets = await PlaintextScan.RunAsync(e2e);
        var found = (await PlaintextScan.FindAsync(e2e.Host.Azurite.ConnectionString, secrets)).Found;
        Assert.True(found.Count == 0, "in clear:\n" + string.Join('\n', found));
    }

    /// <summary>
    /// The account-uniqueness guard keys on a keyed hash of the number when encryption is on (the number itself must
    /// not be a row key in clear): registering an IBAN or an account number twice with the same bank is still a 409.
    /// </summary>
    [Fact]
    public async Task An_account_number_already_registered_for_the_bank_is_a_409_with_encryption_on()
    {
        var o = await e2e.OnboardAsync();
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var eur = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.EurAccount}");
        var cny = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.CnyAccount}");
        Assert.Equal(o.IsoIban, eur.GetProperty("iban").GetString());
        Assert.Equal(o.CnyNumber, cny.GetProperty("accountNumber").GetString());

        var iban = await admin.PostAsJsonAsync("v1/accounts",
            new { bankConnectionId = eur.GetProperty("bankConnectionId").GetString(), iban = o.IsoIban, currency = "EUR", name = "Again" });
        var number = await admin.PostAsJsonAsync("v1/accounts",
            new { bankConnectionId = cny.GetProperty("bankConnectionId").GetString(), accountNumber = o.CnyNumber, currency = "CNY", name = "Again" });

        Assert.Equal(HttpStatusCode.Conflict, iban.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, number.StatusCode);
    }
}

/// <summary>The scan can fail: the same run with encryption off finds every kind of sensitive value in clear.</summary>
public sealed class PlaintextScanControlTests(PlainEndToEndFixture e2e) : IClassFixture<PlainEndToEndFixture>
{
    [Fact]
    public async Task With_encryption_off_the_scan_finds_the_values_in_clear()
    {
        var secrets = await PlaintextScan.RunAsync(e2e);
        var found = (await PlaintextScan.FindAsync(e2e.Host.Azurite.ConnectionString, secrets)).Found;
        foreach (var secret in secrets)
        {
            Assert.Contains(found, f => f.EndsWith(": " + secret, StringComparison.Ordinal));
        }
    }
}
