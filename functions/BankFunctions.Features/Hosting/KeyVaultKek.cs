using Azure.Core;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Features.Hosting;

/// <summary>
/// The KEK as a Key Vault RSA key: data keys are wrapped and unwrapped by Key Vault (wrapKey/unwrapKey, RSA-OAEP-256),
/// so the KEK never leaves the vault. The KEK id stored with each wrapped key is the key version; a new version of
/// the key (rotation in Key Vault) becomes current for new wraps and <c>rewrap</c>, older versions still unwrap.
/// </summary>
public sealed class KeyVaultKek(KeyVaultKeysClient client, string keyName) : IKeyEncryptionKey
{
    public const string Algorithm = "RSA-OAEP-256";

    public static KeyVaultKek Create(Uri keyId, TokenCredential credential)
    {
        // https://{vault}/keys/{name}[/{version}]: the version, if any, is ignored (the newest wraps).
        var segments = keyId.AbsolutePath.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != "keys")
        {
            throw new InvalidOperationException($"Encryption__KeyVaultKeyId must be https://<vault>/keys/<name>, not '{keyId}'.");
        }
        return new KeyVaultKek(new KeyVaultKeysClient(new Uri(keyId.GetLeftPart(UriPartial.Authority)), credential), segments[1]);
    }

    public async ValueTask<string> CurrentKeyIdAsync(CancellationToken cancellationToken)
    {
        var key = await client.GetKeyAsync(keyName, "", cancellationToken).ConfigureAwait(false);
        return key.Kid[(key.Kid.LastIndexOf('/') + 1)..];
    }

    public async ValueTask<byte[]> WrapAsync(string kekId, byte[] dataKey, CancellationToken cancellationToken) =>
        (await client.KeyOperationAsync(keyName, kekId, "wrapkey", Algorithm, dataKey, cancellationToken).ConfigureAwait(false)).Value;

    public async ValueTask<byte[]> UnwrapAsync(string kekId, byte[] wrappedKey, CancellationToken cancellationToken) =>
        (await client.KeyOperationAsync(keyName, kekId, "unwrapkey", Algorithm, wrappedKey, cancellationToken).ConfigureAwait(false)).Value;
}
