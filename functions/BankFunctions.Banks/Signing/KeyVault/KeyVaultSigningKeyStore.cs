using System.Text;

namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>RSA and EC bank-connection keys created in Key Vault (one key per connection, named after it).</summary>
public sealed class KeyVaultSigningKeyStore : ISigningKeyStore
{
    private readonly KeyVaultKeysClient _client;

    public KeyVaultSigningKeyStore(KeyVaultKeysClient client) => _client = client;

    public async Task<SigningKeyInfo> CreateKeyAsync(string connectionId, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        var key = await _client.CreateKeyAsync(KeyName(connectionId), kind, cancellationToken).ConfigureAwait(false);
        return new SigningKeyInfo(key.Kid, kind, key.ToPem());
    }

    public ISigner GetSigner(string keyId, string algorithm, byte[]? sm2UserId = null) =>
        algorithm == SignatureAlgorithms.SM2SM3
            ? throw new SigningException("SM2 keys are not Key Vault keys; use Sm2Signer with a KeyVaultSecretSm2KeySource.")
            : new KeyVaultSigner(_client, keyId, algorithm);

    /// <summary>Key Vault object names allow only 0-9, a-z, A-Z and '-', at most 127 characters.</summary>
    public static string KeyName(string connectionId)
    {
        var name = new StringBuilder("bank-");
        foreach (var c in connectionId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return name.Length > 127 ? name.ToString(0, 127) : name.ToString();
    }
}
