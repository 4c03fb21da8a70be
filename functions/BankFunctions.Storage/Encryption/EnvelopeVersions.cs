using System.Buffers.Binary;
using Azure.Data.Tables;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Which data-key versions the envelopes of a row or blob were sealed under, read from the stored (raw) form: what a
/// re-seal after a data key rotation (docs/ENCRYPTION.md "Rotation") decides on. Pure: no keys, nothing decrypted.
/// </summary>
public static class EnvelopeVersions
{
    /// <summary>One sealed value of a row: its column and the version it was sealed under.</summary>
    public readonly record struct SealedColumn(string Column, int Version);

    /// <summary>
    /// The sealed values of an entity as stored in <paramref name="table"/>: the string values with the
    /// <see cref="Envelope.TextPrefix"/> and the binary values starting with <see cref="Envelope.BinaryMagic"/>, in the
    /// columns that are sensitive for its row (only those are ever sealed).
    /// </summary>
    public static IReadOnlyList<SealedColumn> InEntity(string table, TableEntity entity)
    {
        var found = new List<SealedColumn>();
        foreach (var (column, value) in entity)
        {
            var version = value switch
            {
                string text when Envelope.IsSealedText(text) => OfText(text),
                byte[] bytes => OfBinary(bytes),
                _ => null,
            };
            if (version is { } v && SensitiveColumns.IsSensitive(table, entity.RowKey, column))
            {
                found.Add(new SealedColumn(column, v));
            }
        }
        return found;
    }

    /// <summary>The data-key version of a sealed binary table value (magic, then the envelope), or null when it is clear.</summary>
    public static int? OfBinary(ReadOnlySpan<byte> value) =>
        value.Length >= Envelope.BinaryMagic.Length + 4 && value.StartsWith(Envelope.BinaryMagic)
            ? BinaryPrimitives.ReadInt32BigEndian(value[Envelope.BinaryMagic.Length..])
            : null;

    /// <summary>The data-key version of one sealed table value ("enc1:" + Base64 of the envelope), from its first 6 bytes.</summary>
    public static int OfText(string sealedText)
    {
        var base64 = sealedText.AsSpan(Envelope.TextPrefix.Length);
        Span<byte> head = stackalloc byte[6];
        if (base64.Length < 8 || !Convert.TryFromBase64Chars(base64[..8], head, out var written) || written < 4)
        {
            throw new System.Security.Cryptography.CryptographicException("A sealed value is not a valid envelope.");
        }
        return BinaryPrimitives.ReadInt32BigEndian(head);
    }

    /// <summary>How many leading bytes of a blob <see cref="OfBlob"/> needs: the magic and the version.</summary>
    public static int BlobHeadLength => Envelope.BlobMagic.Length + 4;

    /// <summary>The data-key version of a blob from its first bytes, or null when it is not sealed (written in clear).</summary>
    public static int? OfBlob(ReadOnlySpan<byte> head) =>
        head.Length >= BlobHeadLength && Envelope.IsSealedBlob(head)
            ? BinaryPrimitives.ReadInt32BigEndian(head[Envelope.BlobMagic.Length..])
            : null;

    /// <summary>The oldest version among <paramref name="values"/>, null when nothing is sealed.</summary>
    public static int? Oldest(IEnumerable<SealedColumn> values)
    {
        int? oldest = null;
        foreach (var value in values)
        {
            oldest = oldest is { } o ? Math.Min(o, value.Version) : value.Version;
        }
        return oldest;
    }

    /// <summary>
    /// Whether a row or blob must be written again: it holds a value sealed under a version older than
    /// <paramref name="current"/>. Nothing sealed (clear rows, rows without sensitive values) or all current: no write.
    /// </summary>
    public static bool NeedsReseal(int? oldest, int current) => oldest is { } version && version < current;
}
