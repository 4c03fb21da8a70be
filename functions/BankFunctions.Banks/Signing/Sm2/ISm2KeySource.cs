using Azure.Security.KeyVault.Secrets;
using Org.BouncyCastle.Crypto.Parameters;

namespace BankFunctions.Banks.Signing.Sm2;

/// <summary>Where an SM2 private key comes from: a PEM file locally, a Key Vault secret (PEM as value) in Azure.</summary>
public interface ISm2KeySource
{
    Task<ECPrivateKeyParameters> GetPrivateKeyAsync(CancellationToken cancellationToken);
}

public sealed class PemFileSm2KeySource : ISm2KeySource
{
    private readonly string _path;

    public PemFileSm2KeySource(string path) => _path = path;

    public async Task<ECPrivateKeyParameters> GetPrivateKeyAsync(CancellationToken cancellationToken) =>
        Sm2Crypto.ReadPrivateKeyPem(await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false));
}

/// <summary>
/// Key Vault keys have no SM2 curve, so SM2 private keys are kept as secrets (value = PKCS#8 PEM) and used in
/// process. The parsed key is cached for the signer's lifetime to stay inside the secrets throttling limits.
/// </summary>
public sealed class KeyVaultSecretSm2KeySource : ISm2KeySource
{
    private readonly SecretClient _secrets;
    private readonly string _secretName;
    private readonly string? _version;
    private ECPrivateKeyParameters? _cached;

    public KeyVaultSecretSm2KeySource(SecretClient secrets, string secretName, string? version = null)
    {
        _secrets = secrets;
        _secretName = secretName;
        _version = version;
    }

    public async Task<ECPrivateKeyParameters> GetPrivateKeyAsync(CancellationToken cancellationToken)
    {
        if (_cached is null)
        {
            var secret = await _secrets.GetSecretAsync(_secretName, _version, cancellationToken).ConfigureAwait(false);
            _cached = Sm2Crypto.ReadPrivateKeyPem(secret.Value.Value);
        }
        return _cached;
    }
}
