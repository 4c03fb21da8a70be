using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;
using BankFunctions.Banks.Signing.Sm2;
using Org.BouncyCastle.Crypto.Parameters;

namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>
/// Bank-connection keys in Key Vault, one per connection, named after it. RSA and EC keys are Key Vault keys: the
/// private key never leaves the vault. Key Vault has no SM2 curve, so an SM2 key is generated in process and kept as
/// a Key Vault secret (PKCS#8 PEM, "&lt;name&gt;-sm2"); signers read it once per process and sign in process.
/// </summary>
public sealed class KeyVaultSigningKeyStore : ISigningKeyStore
{
    private readonly KeyVaultKeysClient _client;
    private readonly SecretClient? _secrets;
    private readonly ConcurrentDictionary<(string KeyId, string UserId), ISigner> _sm2Signers = new();

    /// <param name="secrets">Where SM2 keys are kept; without it SM2 keys are refused.</param>
    public KeyVaultSigningKeyStore(KeyVaultKeysClient client, SecretClient? secrets = null)
    {
        _client = client;
        _secrets = secrets;
    }

    public async Task<SigningKeyInfo> CreateKeyAsync(string connectionId, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        if (kind == SigningKeyKind.Sm2)
        {
            return await CreateSm2KeyAsync(KeyName(connectionId) + "-sm2", cancellationToken).ConfigureAwait(false);
        }
        var key = await _client.CreateKeyAsync(KeyName(connectionId), kind, cancellationToken).ConfigureAwait(false);
        return new SigningKeyInfo(key.Kid, kind, key.ToPem());
    }

    public ISigner GetSigner(string keyId, string algorithm, byte[]? sm2UserId = null) =>
        algorithm == SignatureAlgorithms.SM2SM3
            // Cached, so the secret is read once per key and process (Key Vault throttles secret reads).
            ? _sm2Signers.GetOrAdd((keyId, Convert.ToHexString(sm2UserId ?? [])),
                key => new Sm2Signer(new KeyVaultSecretSm2KeySource(Secrets, key.KeyId), key.KeyId, sm2UserId))
            : new KeyVaultSigner(_client, keyId, algorithm);

    /// <summary>A retried onboarding finds the key it created before instead of replacing it (the bank registered that one).</summary>
    private async Task<SigningKeyInfo> CreateSm2KeyAsync(string name, CancellationToken cancellationToken)
    {
        string pem;
        try
        {
            pem = (await Secrets.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            pem = Sm2Crypto.ToPrivateKeyPem((ECPrivateKeyParameters)Sm2Crypto.GenerateKeyPair().Private);
            await Secrets.SetSecretAsync(new KeyVaultSecret(name, pem) { Properties = { ContentType = "application/x-pem-file" } }, cancellationToken).ConfigureAwait(false);
        }
        return new SigningKeyInfo(name, SigningKeyKind.Sm2, Sm2Crypto.ToPublicKeyPem(Sm2Crypto.PublicKeyOf(Sm2Crypto.ReadPrivateKeyPem(pem))));
    }

    private SecretClient Secrets => _secrets ?? throw new SigningException("SM2 keys are kept as Key Vault secrets, and no secret client is configured.");

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
