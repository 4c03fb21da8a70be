using BankFunctions.Banks.Signing;

namespace BankFunctions.Features.BankConnections;

public sealed class LocalKeyOptions
{
    public const string Section = "Signing";

    /// <summary>Folder for key files and connection secrets when signing locally (./run.sh, tests).</summary>
    public string LocalKeyPath { get; set; } = ".local/keys";
}

/// <summary>
/// Creates a connection's signing key in the configured key store (local PEM files, or Key Vault in Azure) and keeps
/// its secrets (the CMB SM4 key) in the configured secret store.
/// </summary>
public sealed class BankKeyProvisioner(ISigningKeyStore keys, IConnectionSecretStore secrets) : IBankKeyProvisioner
{
    public async Task<ProvisionedKey> CreateSigningKeyAsync(string keyName, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        var key = await keys.CreateKeyAsync(keyName, kind, cancellationToken);
        return new ProvisionedKey(key.KeyId, key.PublicKeyPem);
    }

    public Task StoreSecretAsync(string name, byte[] value, CancellationToken cancellationToken) => secrets.StoreAsync(name, value, cancellationToken);
}

/// <summary>Connection secrets as files readable by the owner only, under the local key folder (./run.sh, tests).</summary>
public sealed class LocalConnectionSecrets(LocalKeyOptions options) : IConnectionSecretStore
{
    public Task StoreAsync(string name, byte[] value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.LocalKeyPath);
        var path = SecretPath(name);
        File.WriteAllText(path, Convert.ToHexString(value));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return Task.CompletedTask;
    }

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken) =>
        Convert.FromHexString((await File.ReadAllTextAsync(SecretPath(name), cancellationToken)).Trim());

    private string SecretPath(string name) => Path.Combine(options.LocalKeyPath, name + ".secret");
}
