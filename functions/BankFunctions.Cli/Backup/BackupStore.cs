using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BankFunctions.Cli.Backup;

/// <summary>Where a backup's files live: a local directory or a Blob container (URL with a SAS token).</summary>
public abstract class BackupStore
{
    public abstract string Describe { get; }
    public abstract Task<Stream> OpenWriteAsync(string path, CancellationToken cancellationToken);
    /// <summary>Throws <see cref="FileNotFoundException"/> naming the file when it is missing.</summary>
    public abstract Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);
    public abstract Task<bool> ExistsAsync(string path, CancellationToken cancellationToken);

    /// <summary>"https://…/container?sv=…" is a Blob container; anything else a directory.</summary>
    public static BackupStore Open(string location) =>
        location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? new BlobContainerStore(new BlobContainerClient(new Uri(location)))
            : new DirectoryStore(location);
}

public sealed class DirectoryStore(string root) : BackupStore
{
    public override string Describe => Path.GetFullPath(root);

    public override Task<Stream> OpenWriteAsync(string path, CancellationToken cancellationToken)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return Task.FromResult<Stream>(new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true));
    }

    public override Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Full(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{path}: missing from the backup", path);
        }
        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true));
    }

    public override Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => Task.FromResult(File.Exists(Full(path)));

    /// <summary>Paths come from the manifest: one that climbs out of the backup is refused, not followed.</summary>
    private string Full(string path)
    {
        var rootFull = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(rootFull, path));
        if (!full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: outside the backup directory");
        }
        return full;
    }
}

public sealed class BlobContainerStore(BlobContainerClient container) : BackupStore
{
    private bool _checked;

    public override string Describe => container.Uri.GetLeftPart(UriPartial.Path);

    public override async Task<Stream> OpenWriteAsync(string path, CancellationToken cancellationToken)
    {
        if (!_checked)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 403)
            {
                // A SAS scoped to the container may not create it: it must exist then, which the first write shows.
            }
            _checked = true;
        }
        return await container.GetBlockBlobClient(path).OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions { BufferSize = 4 * 1024 * 1024 }, cancellationToken);
    }

    public override async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(path).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"{path}: missing from the backup", path);
        }
    }

    public override async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(path).ExistsAsync(cancellationToken)).Value;
}
