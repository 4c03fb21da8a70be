using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BankFunctions.Features.BankConnections;

public sealed class LocalKeyOptions
{
    public const string Section = "Signing";

    /// <summary>Folder for key files when signing locally (./run.sh, tests).</summary>
    public string LocalKeyPath { get; set; } = ".local/keys";
}

/// <summary>
/// Local key store for ./run.sh and tests: private keys as PKCS#8 PEM files (mode 600) under a folder, secrets as
/// files beside them. In Azure the Key Vault implementation takes this place.
/// </summary>
public sealed class LocalBankKeyProvisioner(LocalKeyOptions options) : IBankKeyProvisioner, IConnectionSecrets
{
    public Task<ProvisionedKey> CreateSigningKeyAsync(string keyName, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.LocalKeyPath);
        var (privatePem, publicPem) = kind switch
        {
            SigningKeyKind.Rsa2048 => Export(RSA.Create(2048)),
            SigningKeyKind.EcP256 => Export(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            SigningKeyKind.Sm2 => Sm2(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var path = KeyPath(keyName);
        WritePrivate(path, privatePem);
        return Task.FromResult(new ProvisionedKey(keyName, publicPem));
    }

    public Task StoreSecretAsync(string name, byte[] value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.LocalKeyPath);
        WritePrivate(Path.Combine(options.LocalKeyPath, name + ".secret"), Convert.ToHexString(value));
        return Task.CompletedTask;
    }

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken) =>
        Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(options.LocalKeyPath, name + ".secret"), cancellationToken)).Trim());

    public string KeyPath(string keyName) => Path.Combine(options.LocalKeyPath, keyName + ".pem");

    private static (string, string) Export(AsymmetricAlgorithm key)
    {
        using (key)
        {
            return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
        }
    }

    private static (string, string) Sm2()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return (Pem(new Org.BouncyCastle.OpenSsl.Pkcs8Generator(pair.Private)), Pem(pair.Public));
    }

    private static string Pem(object value)
    {
        using var writer = new StringWriter();
        var pem = new PemWriter(writer);
        pem.WriteObject(value);
        pem.Writer.Flush();
        return writer.ToString();
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
