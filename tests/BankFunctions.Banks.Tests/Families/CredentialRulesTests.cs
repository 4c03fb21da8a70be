using System.Text;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Banks.Signing.Sm2;
using Xunit;

namespace BankFunctions.Banks.Tests.Families;

/// <summary>
/// What each family takes to connect a tenant: the request fields it requires and refuses (field names and messages
/// are the API's), the signature algorithms and the key kind; and the connection the adapters get from what is stored.
/// </summary>
public sealed class CredentialRulesTests : IDisposable
{
    private const string Sm4Hex = "00112233445566778899AABBCCDDEEFF";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "bf-family-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
    }

    private static IReadOnlyList<(string, string)> Errors(CredentialsCheck check) => [.. check.Errors.Select(e => (e.Field, e.Message))];

    [Theory]
    [InlineData(null, "PS256", SigningKeyKind.Rsa2048)]
    [InlineData("PS256", "PS256", SigningKeyKind.Rsa2048)]
    [InlineData("RS256", "RS256", SigningKeyKind.Rsa2048)]
    [InlineData("ES256", "ES256", SigningKeyKind.EcP256)]
    public void Iso_takes_a_customer_id_and_an_rsa_or_ec_key(string? requested, string algorithm, SigningKeyKind kind)
    {
        var check = new Iso20022Family().CheckCredentials(new("ACME-01_x", null, null, requested), "bank-x");
        Assert.Empty(check.Errors);
        Assert.Equal(new BankCredentials("ACME-01_x", null, null, algorithm, kind), check.Credentials);
    }

    [Fact]
    public void Iso_refuses_cmb_credentials_and_other_algorithms_naming_each_field()
    {
        var check = new Iso20022Family().CheckCredentials(new(null, "U1", Sm4Hex, "SM2"), "bank-x");
        Assert.Null(check.Credentials);
        Assert.Equal(
            [
                ("customerId", "is required: 1–35 characters of letters, digits, '-' and '_'."),
                ("uid", "is not used by bank-x."),
                ("sm4Key", "is not used by bank-x."),
                ("signatureAlgorithm", "must be PS256, RS256 or ES256."),
            ],
            Errors(check));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")]
    public void Iso_refuses_a_customer_id_that_is_not_1_to_35_safe_characters(string customerId) =>
        Assert.Equal([("customerId", "is required: 1–35 characters of letters, digits, '-' and '_'.")],
            Errors(new Iso20022Family().CheckCredentials(new(customerId, null, null, null), "bank-x")));

    [Theory]
    [InlineData(null)]
    [InlineData("SM2")]
    public void Cmb_takes_a_uid_and_the_sm4_key_and_signs_with_sm2(string? requested)
    {
        var check = new CmbCloudFamily().CheckCredentials(new(null, "N002463558", Sm4Hex, requested), "bank-y");
        Assert.Empty(check.Errors);
        var c = check.Credentials!;
        Assert.Equal((null, "N002463558", "SM2", SigningKeyKind.Sm2), (c.CustomerId, c.Uid, c.Algorithm, c.KeyKind));
        Assert.Equal(Convert.FromHexString(Sm4Hex), c.SymmetricKey);
    }

    [Fact]
    public void Cmb_refuses_iso_credentials_and_other_algorithms_naming_each_field()
    {
        var check = new CmbCloudFamily().CheckCredentials(new("ACME", null, null, "PS256"), "bank-y");
        Assert.Null(check.Credentials);
        Assert.Equal(
            [
                ("uid", "is required: 1–32 letters and digits."),
                ("sm4Key", "is required: 32 hexadecimal characters (a 16-byte SM4 key)."),
                ("customerId", "is not used by bank-y."),
                ("signatureAlgorithm", "bank-y signs with SM2 only."),
            ],
            Errors(check));
    }

    [Theory]
    [InlineData("N0024", "00112233445566778899AABBCCDDEEF", "sm4Key")]
    [InlineData("N0024", "00112233445566778899AABBCCDDEEFG", "sm4Key")]
    [InlineData("N-0024", Sm4Hex, "uid")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", Sm4Hex, "uid")]
    public void Cmb_refuses_a_bad_uid_or_sm4_key(string uid, string sm4Key, string field) =>
        Assert.Equal([field], new CmbCloudFamily().CheckCredentials(new(null, uid, sm4Key, null), "bank-y").Errors.Select(e => e.Field));

    [Fact]
    public async Task Iso_connects_with_the_customer_id_and_the_stored_algorithm_and_looks_nothing_up()
    {
        var store = new LocalSigningKeyStore(_keys);
        var key = await store.CreateKeyAsync("iso", SigningKeyKind.EcP256, CancellationToken.None);
        var connection = await new Iso20022Family().ConnectAsync(
            new StoredConnection("bank-x", "ACME", null, key.KeyId, "ES256", null), store, new NoLookups(), CancellationToken.None);
        Assert.Equal(("ACME", key.KeyId, "ES256"), (connection.CustomerId, connection.KeyId, connection.Signer!.Algorithm));
        Assert.Null(connection.SymmetricKey);
        Assert.Null(connection.BankPublicKeyPem);
    }

    [Fact]
    public async Task Cmb_connects_with_the_uid_its_sm4_secret_the_bank_key_and_an_sm2_signer_whose_user_id_is_the_uid()
    {
        var store = new LocalSigningKeyStore(_keys);
        var key = await store.CreateKeyAsync("cmb", SigningKeyKind.Sm2, CancellationToken.None);
        var lookups = new Lookups(new() { ["sm4-secret"] = Convert.FromHexString(Sm4Hex) }, new() { ["bank-y"] = "BANK-PEM" });
        var connection = await new CmbCloudFamily().ConnectAsync(
            new StoredConnection("bank-y", null, "N002463558", key.KeyId, "SM2", "sm4-secret"), store, lookups, CancellationToken.None);

        Assert.Equal(("N002463558", "BANK-PEM", "BankFunctions", SignatureAlgorithms.SM2SM3),
            (connection.CustomerId, connection.BankPublicKeyPem, connection.PlatformName, connection.Signer!.Algorithm));
        Assert.Equal(Convert.FromHexString(Sm4Hex), connection.SymmetricKey);
        var data = Encoding.UTF8.GetBytes("envelope");
        var signature = (await connection.Signer.SignAsync(data, CancellationToken.None)).Signature;
        var publicKey = Sm2Crypto.ReadPublicKeyPem(key.PublicKeyPem);
        Assert.True(Sm2Crypto.Verify(publicKey, CmbCrypto.UserId("N002463558"), data, signature));
        Assert.False(Sm2Crypto.Verify(publicKey, Sm2Crypto.DefaultUserId, data, signature));
    }

    [Fact]
    public async Task Cmb_refuses_a_stored_connection_without_uid_or_sm4_secret()
    {
        var family = new CmbCloudFamily();
        var lookups = new Lookups([], []);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            family.ConnectAsync(new StoredConnection("bank-y", null, null, "k", "SM2", "s"), new LocalSigningKeyStore(_keys), lookups, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            family.ConnectAsync(new StoredConnection("bank-y", null, "U1", "k", "SM2", null), new LocalSigningKeyStore(_keys), lookups, CancellationToken.None));
    }

    private sealed class Lookups(Dictionary<string, byte[]> secrets, Dictionary<string, string> bankKeys) : IConnectionLookups
    {
        public Task<byte[]> SecretAsync(string name, CancellationToken cancellationToken) => Task.FromResult(secrets[name]);

        public Task<string> BankPublicKeyPemAsync(string bank, CancellationToken cancellationToken) => Task.FromResult(bankKeys[bank]);
    }

    private sealed class NoLookups : IConnectionLookups
    {
        public Task<byte[]> SecretAsync(string name, CancellationToken cancellationToken) => throw new InvalidOperationException("ISO looks up no secret.");

        public Task<string> BankPublicKeyPemAsync(string bank, CancellationToken cancellationToken) => throw new InvalidOperationException("ISO looks up no bank key.");
    }
}
