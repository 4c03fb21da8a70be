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

    /// <summary>
    /// The first bytes of a sealed binary (Edm.Binary) table value: this magic followed by the envelope. Six bytes, so
    /// that in entity JSON, where binary values are Base64, a sealed value's text starts with <see cref="BinaryMarker"/>.
    /// A clear value written before encryption (the pending events' gzip starts 1f 8b) never starts with it.
    /// </summary>
    public static ReadOnlySpan<byte> BinaryMagic => "BFEB1:"u8;

    /// <summary>Base64 of <see cref="BinaryMagic"/>: the start of a sealed binary value's text.</summary>
    public static ReadOnlySpan<byte> BinaryMarker => "QkZFQjE6"u8;

    /// <summary>The bytes sealing adds to a binary value: magic, data-key version, nonce and tag.</summary>
    public const int BinaryOverhead = 6 + Header + Tag;

    public static byte[] AssociatedData(string tenant, string store, string partitionKey, string rowKey, string column) =>
        Encoding.UTF8.GetBytes(string.Join('\u0000', "bf-enc-v1", tenant, store, partitionKey, rowKey, column));

    /// <summary>
    /// <see cref="AssociatedData"/> without the column: one row's columns then share it, each value's associated data
    /// being this prefix followed by the column name in UTF-8 (the same bytes).
    /// </summary>
    public static byte[] AssociatedDataPrefix(string tenant, string store, string partitionKey, string rowKey) =>
        Encoding.UTF8.GetBytes(string.Join('\u0000', "bf-enc-v1", tenant, store, partitionKey, rowKey, ""));

    /// <summary>The length of the envelope of a <paramref name="plaintextLength"/>-byte value.</summary>
    public static int SealedLength(int plaintextLength) => Header + plaintextLength + Tag;

    public static byte[] Seal(int keyVersion, byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, int prefix = 0)
    {
        var output = new byte[prefix + SealedLength(plaintext.Length)];
        Seal(keyVersion, key, plaintext, associatedData, output.AsSpan(prefix));
        return output;
    }

    /// <summary>Seals into <paramref name="destination"/> (exactly <see cref="SealedLength"/> bytes).</summary>
    public static void Seal(int keyVersion, byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var body = destination[..SealedLength(plaintext.Length)];
        BinaryPrimitives.WriteInt32BigEndian(body, keyVersion);
        RandomNumberGenerator.Fill(body.Slice(4, 12));
        Cipher(key).Encrypt(body.Slice(4, 12), plaintext, body.Slice(Header, plaintext.Length), body.Slice(Header + plaintext.Length, Tag), associatedData);
    }

    public static int KeyVersion(ReadOnlySpan<byte> envelope) =>
        envelope.Length >= Header + Tag ? BinaryPrimitives.ReadInt32BigEndian(envelope) : throw new CryptographicException("The envelope is too short.");

    /// <exception cref="AuthenticationTagMismatchException">The value was altered or belongs elsewhere (other row, column or tenant).</exception>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[OpenedLength(envelope)];
        Open(key, envelope, associatedData, plaintext);
        return plaintext;
    }

    /// <summary>The length of the value inside <paramref name="envelope"/>.</summary>
    public static int OpenedLength(ReadOnlySpan<byte> envelope) =>
        envelope.Length >= Header + Tag ? envelope.Length - Header - Tag : throw new CryptographicException("The envelope is too short.");

    /// <summary>Opens into <paramref name="plaintext"/> (at least <see cref="OpenedLength"/> bytes); returns the length.</summary>
    /// <exception cref="AuthenticationTagMismatchException">The value was altered or belongs elsewhere (other row, column or tenant).</exception>
    public static int Open(byte[] key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var length = OpenedLength(envelope);
        Cipher(key).Decrypt(envelope.Slice(4, 12), envelope.Slice(Header, length), envelope.Slice(Header + length, Tag), plaintext[..length], associatedData);
        return length;
    }

    /// <summary>
    /// The AES-GCM instance for <paramref name="key"/> on this thread: creating one per value (key schedule, native
    /// context) cost more than the encryption itself; an instance is not thread-safe, so each thread keeps its own.
    /// Keys are the ring's cached arrays, so a reference lookup hits; the few stale ones after a cache refresh are
    /// dropped when the table fills.
    /// </summary>
    private static AesGcm Cipher(byte[] key)
    {
        var ciphers = t_ciphers ??= new Dictionary<byte[], AesGcm>(ReferenceEqualityComparer.Instance);
        if (!ciphers.TryGetValue(key, out var aes))
        {
            if (ciphers.Count >= MaxCiphersPerThread)
            {
                foreach (var stale in ciphers.Values)
                {
                    stale.Dispose();
                }
                ciphers.Clear();
            }
            aes = new AesGcm(key, Tag);
            ciphers[key] = aes;
        }
        return aes;
    }

    private const int MaxCiphersPerThread = 64;

    [ThreadStatic]
    private static Dictionary<byte[], AesGcm>? t_ciphers;

    public static string SealText(int keyVersion, byte[] key, string plaintext, byte[] associatedData) =>
        TextPrefix + Convert.ToBase64String(Seal(keyVersion, key, Encoding.UTF8.GetBytes(plaintext), associatedData));

    public static bool IsSealedText(string value) => value.StartsWith(TextPrefix, StringComparison.Ordinal);

    public static bool IsSealedBlob(ReadOnlySpan<byte> content) => content.StartsWith(BlobMagic);
}
