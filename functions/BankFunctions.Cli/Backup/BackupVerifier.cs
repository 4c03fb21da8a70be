using System.IO.Compression;
using System.Text.Json;

namespace BankFunctions.Cli.Backup;

/// <summary>
/// Checks a backup against its manifest: every file's size and SHA-256, every table's row count (each line must read
/// as an entity), every blob index's count and each blob's size and SHA-256. Returns one line per problem, naming the file.
/// </summary>
public sealed class BackupVerifier(BackupStore store)
{
    public async Task<BackupManifest> ReadManifestAsync(CancellationToken cancellationToken)
    {
        await using var input = await store.OpenReadAsync(BackupManifest.FileName, cancellationToken);
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(input, BackupManifest.Json, cancellationToken)
            ?? throw new BackupException($"{BackupManifest.FileName}: empty");
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new BackupException($"{BackupManifest.FileName}: format '{manifest.Format}', this tool reads '{BackupManifest.CurrentFormat}'");
        }
        return manifest;
    }

    public async Task<IReadOnlyList<string>> VerifyAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var file in manifest.Files)
        {
            try
            {
                await VerifyFileAsync(file, problems, cancellationToken);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException or JsonException or IOException)
            {
                problems.Add($"{file.Path}: {e.Message}");
            }
        }
        return problems;
    }

    private async Task VerifyFileAsync(BackupFile file, List<string> problems, CancellationToken cancellationToken)
    {
        await using var raw = await store.OpenReadAsync(file.Path, cancellationToken);
        await using var hashing = new HashingStream(raw, leaveOpen: true);
        long count = 0;
        // A file that does not even decompress is reported by its digest below, not as a gzip error.
        try
        {
            await using var gzip = new GZipStream(hashing, CompressionMode.Decompress, leaveOpen: true);
            using var lines = new LineReader(gzip);
            while ((await lines.NextAsync(cancellationToken)) is (true, var line))
            {
                if (file.Kind == BackupFile.TableKind)
                {
                    EntityJson.Read(line.Span);
                }
                else
                {
                    var blob = JsonSerializer.Deserialize<BlobEntry>(line.Span, BackupManifest.Line) ?? throw new FormatException("empty blob entry");
                    await VerifyBlobAsync(blob, problems, cancellationToken);
                }
                count++;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or InvalidOperationException)
        {
            await hashing.CopyToAsync(Stream.Null, cancellationToken);
            problems.Add($"{file.Path}: unreadable ({e.Message})");
        }
        // Whatever gzip left unread still counts for the digest.
        await hashing.CopyToAsync(Stream.Null, cancellationToken);
        var digest = hashing.Digest();
        if (digest != file.Sha256 || hashing.Length64 != file.Bytes)
        {
            problems.Add($"{file.Path}: SHA-256 {digest} ({hashing.Length64} bytes) does not match the manifest's {file.Sha256} ({file.Bytes} bytes)");
        }
        else if (count != file.Count)
        {
            problems.Add($"{file.Path}: {count} {(file.Kind == BackupFile.TableKind ? "rows" : "blobs")}, the manifest says {file.Count}");
        }
    }

    private async Task VerifyBlobAsync(BlobEntry blob, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await using var raw = await store.OpenReadAsync(blob.Path, cancellationToken);
            await using var hashing = new HashingStream(raw, leaveOpen: true);
            await hashing.CopyToAsync(Stream.Null, cancellationToken);
            var digest = hashing.Digest();
            if (digest != blob.Sha256 || hashing.Length64 != blob.Bytes)
            {
                problems.Add($"{blob.Path}: SHA-256 {digest} ({hashing.Length64} bytes) does not match its index's {blob.Sha256} ({blob.Bytes} bytes)");
            }
        }
        catch (FileNotFoundException e)
        {
            problems.Add(e.Message);
        }
    }
}
