using BankFunctions.Banks.Signing;

namespace BankFunctions.Features.BankConnections;

public sealed record ProvisionedKey(string KeyId, string PublicKeyPem);

/// <summary>
/// Creates a connection's signing key where private keys live (Key Vault in Azure, key files locally) and stores
/// connection secrets (the CMB SM4 key). Private material never passes through tables or responses.
/// </summary>
public interface IBankKeyProvisioner
{
    Task<ProvisionedKey> CreateSigningKeyAsync(string keyName, SigningKeyKind kind, CancellationToken cancellationToken);

    Task StoreSecretAsync(string name, byte[] value, CancellationToken cancellationToken);
}

/// <summary>Reads connection secrets (the CMB SM4 key) where <see cref="IBankKeyProvisioner"/> stored them.</summary>
public interface IConnectionSecrets
{
    Task<byte[]> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Keeps connection secrets: files under the local key folder, or Key Vault secrets in Azure.</summary>
public interface IConnectionSecretStore : IConnectionSecrets
{
    Task StoreAsync(string name, byte[] value, CancellationToken cancellationToken);
}
