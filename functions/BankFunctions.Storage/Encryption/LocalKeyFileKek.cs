using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// A KEK kept in a local JSON key file, for development and ./run.sh: <c>{"current":"v2","keys":{"v1":"base64 32 bytes",…}}</c>.
/// Wrapping is AES-256-GCM under the named version (nonce ‖ ciphertext ‖ tag, AAD = the version id). <see cref="RotateAsync"/>
/// adds a version and makes it current; older versions stay so keys wrapped under them still unwrap.
/// </summary>
public sealed class LocalKeyFileKek : IKeyEncryptionKey
{
    private readonly string path;
    private readonly Lock gate = new();

    public LocalKeyFileKek(string path)
    {
        this.path = path;
        lock (gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                Write(new JsonObject { ["current"] = "v1", ["keys"] = new JsonObject { ["v1"] = NewKey() } });
            }
        }
    }

    public ValueTask<string> CurrentKeyIdAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Read()["current"]!.GetValue<string>());

    public ValueTask<byte[]> WrapAsync(string kekId, byte[] dataKey, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var output = new byte[12 + dataKey.Length + 16];
        nonce.CopyTo(output, 0);
        using var aes = new AesGcm(Key(kekId), 16);
        aes.Encrypt(nonce, dataKey, output.AsSpan(12, dataKey.Length), output.AsSpan(12 + dataKey.Length), System.Text.Encoding.UTF8.GetBytes(kekId));
        return ValueTask.FromResult(output);
    }

    public ValueTask<byte[]> UnwrapAsync(string kekId, byte[] wrappedKey, CancellationToken cancellationToken)
    {
        var plain = new byte[wrappedKey.Length - 28];
        using var aes = new AesGcm(Key(kekId), 16);
        aes.Decrypt(wrappedKey.AsSpan(0, 12), wrappedKey.AsSpan(12, plain.Length), wrappedKey.AsSpan(12 + plain.Length), plain, System.Text.Encoding.UTF8.GetBytes(kekId));
        return ValueTask.FromResult(plain);
    }

    /// <summary>Adds a new KEK version and makes it current; returns its id.</summary>
    public string Rotate()
    {
        lock (gate)
        {
            var doc = Read();
            var keys = doc["keys"]!.AsObject();
            var id = "v" + (keys.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            keys[id] = NewKey();
            doc["current"] = id;
            Write(doc);
            return id;
        }
    }

    private byte[] Key(string kekId) =>
        Read()["keys"]?[kekId]?.GetValue<string>() is { } key
            ? Convert.FromBase64String(key)
            : throw new CryptographicException($"The key file {path} has no KEK version '{kekId}'.");

    private JsonObject Read() => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private void Write(JsonObject doc)
    {
        File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
