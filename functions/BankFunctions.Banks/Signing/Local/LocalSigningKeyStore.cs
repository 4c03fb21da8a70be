using System.Security.Cryptography;
using System.Text;
using BankFunctions.Banks.Signing.Sm2;

namespace BankFunctions.Banks.Signing.Local;

/// <summary>
/// Generates RSA-2048 / EC P-256 / SM2 keys and keeps them as PKCS#8 PEM files in one folder (development and tests;
/// in Azure the Key Vault store is used). The key id is the file name without ".pem": "{connection}.{kind}".
/// Creating a key that already exists returns the existing one, so a retried onboarding does not rotate keys.
/// </summary>
public sealed class LocalSigningKeyStore : ISigningKeyStore
{
    private readonly string _folder;

    public LocalSigningKeyStore(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public async Task<SigningKeyInfo> CreateKeyAsync(string connectionId, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        var keyId = $"{Sanitize(connectionId)}.{kind.ToString().ToLowerInvariant()}";
        var path = PathOf(keyId);
        if (!File.Exists(path))
        {
            var pem = kind switch
            {
                SigningKeyKind.Rsa2048 => Export(RSA.Create(2048)),
                SigningKeyKind.EcP256 => Export(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
                SigningKeyKind.Sm2 => Sm2Crypto.ToPrivateKeyPem((Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters)Sm2Crypto.GenerateKeyPair().Private),
                _ => throw new SigningException($"Unknown key kind {kind}."),
            };
            // Write to a temp file then move, so a concurrent reader never sees half a key; a concurrent creator loses
            // the race harmlessly (File.Move without overwrite throws and the winner's key stays).
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllTextAsync(temp, pem, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                // Unencrypted private key: readable by its owner only.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }
        var signer = GetSigner(keyId, DefaultAlgorithm(kind));
        return new SigningKeyInfo(keyId, kind, await signer.GetPublicKeyPemAsync(cancellationToken).ConfigureAwait(false));
    }

    public ISigner GetSigner(string keyId, string algorithm, byte[]? sm2UserId = null)
    {
        var kind = KindOf(keyId);
        SigningKeyKinds.EnsureAlgorithmFits(kind, algorithm);
        var path = PathOf(keyId);
        if (!File.Exists(path))
        {
            throw new SigningException($"No local key {keyId}.");
        }
        return kind == SigningKeyKind.Sm2
            ? new Sm2Signer(new PemFileSm2KeySource(path), keyId, sm2UserId)
            : new LocalSigner(keyId, path, algorithm);
    }

    public static string DefaultAlgorithm(SigningKeyKind kind) => kind switch
    {
        SigningKeyKind.Rsa2048 => SignatureAlgorithms.PS256,
        SigningKeyKind.EcP256 => SignatureAlgorithms.ES256,
        _ => SignatureAlgorithms.SM2SM3,
    };

    private string PathOf(string keyId) => Path.Combine(_folder, Sanitize(keyId) + ".pem");

    private static SigningKeyKind KindOf(string keyId)
    {
        var dot = keyId.LastIndexOf('.');
        return dot >= 0 && Enum.TryParse<SigningKeyKind>(keyId[(dot + 1)..], ignoreCase: true, out var kind)
            ? kind
            : throw new SigningException($"Not a local key id: {keyId}");
    }

    private static string Export(AsymmetricAlgorithm key)
    {
        using (key)
        {
            return key.ExportPkcs8PrivateKeyPem();
        }
    }

    private static string Sanitize(string value)
    {
        var name = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }
        return name.ToString();
    }
}
