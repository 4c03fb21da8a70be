using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// The versioned envelope of one encrypted value (docs/ENCRYPTION.md): data-key version (4 bytes, big-endian) ‖ nonce
/// (12 random bytes, fresh per value) ‖ AES-256-GCM ciphertext ‖ tag (16 bytes). A table value is the text
/// <see cref="TextPrefix"/> + Base64 of it; a blob is <see cref="BlobMagic"/> followed by it. The associated data names
/// where the value lives (tenant, table or container, partition and row key or blob name, column), so a value copied
/// to another row, column or tenant fails to decrypt.
/// </summary>
public static class Envelope
{
    public const string TextPrefix = "enc1:";
    public static ReadOnlySpan<byte> BlobMagic => "BFE1"u8;
    private const int Header = 4 + 12;
    private const int Tag = 16;

    public static byte[] AssociatedData(string tenant, string store, string partitionKey, string rowKey, string column) =>
        Encoding.UTF8.GetBytes(string.Join('\u0000', "bf-enc-v1", tenant, store, partitionKey, rowKey, column));

    public static byte[] Seal(int keyVersion, byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, int prefix = 0)
    {
        var output = new byte[prefix + Header + plaintext.Length + Tag];
        var body = output.AsSpan(prefix);
        BinaryPrimitives.WriteInt32BigEndian(body, keyVersion);
        RandomNumberGenerator.Fill(body.Slice(4, 12));
        using var aes = new AesGcm(key, Tag);
        aes.Encrypt(body.Slice(4, 12), plaintext, body.Slice(Header, plaintext.Length), body.Slice(Header + plaintext.Length, Tag), associatedData);
        return output;
    }

    public static int KeyVersion(ReadOnlySpan<byte> envelope) =>
        envelope.Length >= Header + Tag ? BinaryPrimitives.ReadInt32BigEndian(envelope) : throw new CryptographicException("The envelope is too short.");

    /// <exception cref="AuthenticationTagMismatchException">The value was altered or belongs elsewhere (other row, column or tenant).</exception>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[envelope.Length - Header - Tag];
        using var aes = new AesGcm(key, Tag);
        aes.Decrypt(envelope.Slice(4, 12), envelope.Slice(Header, plaintext.Length), envelope.Slice(Header + plaintext.Length, Tag), plaintext, associatedData);
        return plaintext;
    }

    public static string SealText(int keyVersion, byte[] key, string plaintext, byte[] associatedData) =>
        TextPrefix + Convert.ToBase64String(Seal(keyVersion, key, Encoding.UTF8.GetBytes(plaintext), associatedData));

    public static bool IsSealedText(string value) => value.StartsWith(TextPrefix, StringComparison.Ordinal);

    public static bool IsSealedBlob(ReadOnlySpan<byte> content) => content.StartsWith(BlobMagic);
}
