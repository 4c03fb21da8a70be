using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DevIdentity;

/// <summary>
/// The provider's one RSA-2048 signing key. Kept as PKCS#8 PEM at <see cref="DevIdentityOptions.KeyPath"/> when set,
/// so a restart of ./run.sh keeps already issued id_tokens verifiable; otherwise it lives and dies with the process.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly RSA _rsa;

    private SigningKey(RSA rsa)
    {
        _rsa = rsa;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);
        // RFC 7638 §3: the JWK thumbprint (SHA-256 over the required members in lexicographic order, no whitespace)
        // is a key id that changes exactly when the key does.
        var canonical = $$"""{"e":"{{Exponent}}","kty":"RSA","n":"{{Modulus}}"}""";
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public string KeyId { get; }
    public string Modulus { get; }
    public string Exponent { get; }

    public static SigningKey LoadOrCreate(string? path)
    {
        var rsa = RSA.Create();
        try
        {
            if (string.IsNullOrEmpty(path))
            {
                rsa.KeySize = 2048;
                return new SigningKey(rsa);
            }
            if (File.Exists(path))
            {
                rsa.ImportFromPem(File.ReadAllText(path));
                return new SigningKey(rsa);
            }
            rsa.KeySize = 2048;
            if (!TrySave(rsa, path))
            {
                // Another process created the file first (two starts at once): use its key, so both agree.
                rsa.ImportFromPem(File.ReadAllText(path));
            }
            return new SigningKey(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Writes the key readable by the owner only, via a temporary file so a crash never leaves half a key.</summary>
    private static bool TrySave(RSA rsa, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>RFC 7517 §4 / RFC 7518 §6.3.1: the public half as a JWK for <c>/jwks</c>.</summary>
    public void WritePublicJwk(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "RSA");
        writer.WriteString("use", "sig");
        writer.WriteString("alg", "RS256");
        writer.WriteString("kid", KeyId);
        writer.WriteString("n", Modulus);
        writer.WriteString("e", Exponent);
        writer.WriteEndObject();
    }

    /// <summary>RFC 7518 §3.3: RS256 is RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => _rsa.Dispose();
}
