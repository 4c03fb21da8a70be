namespace BankFunctions.Host.Tests.Encryption;

/// <summary>Issue #16: after an end-to-end run with encryption at rest on, no sensitive value is stored in clear.</summary>
public sealed class EncryptionScanTests(EncryptedEndToEndFixture e2e) : IClassFixture<EncryptedEndToEndFixture>
{
    [Fact]
    public async Task No_sensitive_value_is_in_clear_in_any_table_or_blob_after_an_end_to_end_run()
    {
        var secrets = await PlaintextScan.RunAsync(e2e);
        var found = await PlaintextScan.FindAsync(e2e.Host.Azurite.ConnectionString, secrets);
        Assert.True(found.Count == 0, "in clear:\n" + string.Join('\n', found));
    }
}

/// <summary>The scan can fail: the same run with encryption off finds every kind of sensitive value in clear.</summary>
public sealed class PlaintextScanControlTests(PlainEndToEndFixture e2e) : IClassFixture<PlainEndToEndFixture>
{
    [Fact]
    public async Task With_encryption_off_the_scan_finds_the_values_in_clear()
    {
        var secrets = await PlaintextScan.RunAsync(e2e);
        var found = await PlaintextScan.FindAsync(e2e.Host.Azurite.ConnectionString, secrets);
        foreach (var secret in secrets)
        {
            Assert.Contains(found, f => f.EndsWith(": " + secret, StringComparison.Ordinal));
        }
    }
}
