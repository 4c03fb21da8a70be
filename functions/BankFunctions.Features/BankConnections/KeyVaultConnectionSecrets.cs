using System.Collections.Concurrent;
using Azure.Security.KeyVault.Secrets;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// Connection secrets (the CMB SM4 key) as Key Vault secrets in Azure, hex-encoded. Read once per process and kept:
/// every CMB call needs the key, and Key Vault throttles secret reads. A rotated secret is a new connection.
/// </summary>
public sealed class KeyVaultConnectionSecrets(SecretClient secrets) : IConnectionSecretStore
{
    private readonly ConcurrentDictionary<string, byte[]> _read = new(StringComparer.Ordinal);

    public async Task StoreAsync(string name, byte[] value, CancellationToken cancellationToken)
    {
        await secrets.SetSecretAsync(new KeyVaultSecret(name, Convert.ToHexString(value)) { Properties = { ContentType = "application/octet-stream; encoding=hex" } }, cancellationToken);
        _read[name] = value;
    }

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(name, out var value))
        {
            return value;
        }
        value = Convert.FromHexString((await secrets.GetSecretAsync(name, cancellationToken: cancellationToken)).Value.Value);
        return _read.GetOrAdd(name, value);
    }
}
