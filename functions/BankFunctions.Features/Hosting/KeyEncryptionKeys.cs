using Azure.Identity;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Features.Hosting;

/// <summary>Picks the key-encryption key that <see cref="EncryptionOptions.Kek"/> names (docs/ENCRYPTION.md).</summary>
public static class KeyEncryptionKeys
{
    /// <returns>Null when encryption at rest is off.</returns>
    public static StorageEncryption? Create(EncryptionOptions options, TimeProvider clock) => options.Kek.ToLowerInvariant() switch
    {
        "none" => null,
        "file" => new StorageEncryption(options,
            new LocalKeyFileKek(options.KeyFile ?? throw new InvalidOperationException("Encryption__Kek=file needs Encryption__KeyFile.")), clock),
        "keyvault" => new StorageEncryption(options, KeyVaultKek.Create(
            options.KeyVaultKeyId ?? throw new InvalidOperationException("Encryption__Kek=keyvault needs Encryption__KeyVaultKeyId."),
            new DefaultAzureCredential()), clock),
        _ => throw new InvalidOperationException($"Encryption__Kek must be none, file or keyvault, not '{options.Kek}'."),
    };
}
