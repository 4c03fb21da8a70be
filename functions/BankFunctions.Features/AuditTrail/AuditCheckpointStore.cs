using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.AuditTrail;

/// <summary>
/// Checkpoints in storage: the signed blob (write-once, in a container with time-based immutability in Azure) is the
/// anchor; the checkpoint row and the head row are its index, written after it in one transaction.
/// </summary>
public sealed class AuditCheckpointStore(StorageClients storage, AuditCheckpointSigner signer)
{
    /// <summary>The blob as JSON: the checkpoint's fields, the algorithm and the signature.</summary>
    public sealed record Document(string Tenant, long Sequence, string LastAuditId, long Count, string ChainHash, string PreviousChainHash, DateTimeOffset At,
        string Algorithm, string Signature)
    {
        public AuditCheckpoint Checkpoint => new(Tenant, Sequence, LastAuditId, Count, ChainHash, PreviousChainHash, At);
    }

    /// <summary>The outcome of appending a checkpoint.</summary>
    public enum Appended
    {
        /// <summary>Blob and rows written; the new head's ETag is returned beside it.</summary>
        Written,
        /// <summary>The blob was already there (a run that died before its rows, or a concurrent one): its rows were written from it; stop this run.</summary>
        Adopted,
        /// <summary>Someone else moved the head, or the blob there does not follow the head: stop this run.</summary>
        Lost,
    }

    public async Task<AuditCheckpointRow?> HeadAsync(string tenant, CancellationToken cancellationToken)
    {
        var head = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<AuditCheckpointRow>(
            TableKeys.TenantPartition(tenant), TableKeys.AuditChainHeadRow, cancellationToken: cancellationToken);
        return head.HasValue ? head.Value : null;
    }

    /// <summary>
    /// Writes checkpoint n's blob (If-None-Match: *) and then, in one transaction, its row and the head (added, or replaced
    /// under <paramref name="headETag"/>), so two chainers never both advance the head.
    /// </summary>
    public async Task<(Appended Outcome, ETag HeadETag)> AppendAsync(AuditCheckpoint checkpoint, ETag? headETag, CancellationToken cancellationToken)
    {
        var signature = signer.Sign(checkpoint);
        var blob = storage.Blobs.GetBlobContainerClient(BlobContainers.AuditCheckpoints).GetBlobClient(AuditCheckpoint.BlobName(checkpoint.Tenant, checkpoint.Sequence));
        var outcome = Appended.Written;
        try
        {
            var document = new Document(checkpoint.Tenant, checkpoint.Sequence, checkpoint.LastAuditId, checkpoint.Count, checkpoint.ChainHash,
                checkpoint.PreviousChainHash, checkpoint.At, AuditCheckpointSigner.Algorithm, signature);
            await blob.UploadAsync(BinaryData.FromObjectAsJson(document, ApiJson.Options), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = Parse((await blob.DownloadContentAsync(cancellationToken)).Value.Content);
            if (existing is null || !signer.Verify(existing.Checkpoint, existing.Signature) || existing.Checkpoint.Tenant != checkpoint.Tenant
                || existing.Sequence != checkpoint.Sequence || existing.PreviousChainHash != checkpoint.PreviousChainHash)
            {
                return (Appended.Lost, default);
            }
            (checkpoint, signature, outcome) = (existing.Checkpoint, existing.Signature, Appended.Adopted);
        }
        var head = checkpoint.ToRow(TableKeys.AuditChainHeadRow, signature);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, checkpoint.ToRow(TableKeys.AuditCheckpointRow(checkpoint.Sequence), signature)),
            headETag is { } etag ? new(TableTransactionActionType.UpdateReplace, head, etag) : new(TableTransactionActionType.Add, head),
        ];
        try
        {
            var response = await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            return (outcome, response.Value[1].Headers.ETag ?? default);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return (Appended.Lost, default);
        }
    }

    /// <summary>Every checkpoint of the tenant as storage holds it: the blobs (signature checked) and the rows, by sequence.</summary>
    public async Task<IReadOnlyList<CheckpointEvidence>> EvidenceAsync(string tenant, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<long, AuditCheckpoint>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AuditCheckpointRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant), TableKeys.AuditCheckpointPrefix), cancellationToken: cancellationToken))
        {
            rows[row.Sequence] = AuditCheckpoint.FromRow(row);
        }
        var blobs = new Dictionary<long, (CheckpointBlobState, AuditCheckpoint?)>();
        var container = storage.Blobs.GetBlobContainerClient(BlobContainers.AuditCheckpoints);
        var prefix = BackupScope.TenantBlobPrefix(tenant);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var name = item.Name[prefix.Length..];
            if (!name.EndsWith(".json", StringComparison.Ordinal) || !long.TryParse(name[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                continue;
            }
            var document = Parse((await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content);
            blobs[sequence] = document is null ? (CheckpointBlobState.Unreadable, null)
                : signer.Verify(document.Checkpoint, document.Signature) ? (CheckpointBlobState.Valid, document.Checkpoint)
                : (CheckpointBlobState.BadSignature, document.Checkpoint);
        }
        return rows.Keys.Union(blobs.Keys).Order().Select(s => blobs.TryGetValue(s, out var b)
                ? new CheckpointEvidence(s, b.Item1, b.Item2, rows.GetValueOrDefault(s))
                : new CheckpointEvidence(s, CheckpointBlobState.Missing, null, rows.GetValueOrDefault(s)))
            .ToList();
    }

    private static Document? Parse(BinaryData content)
    {
        try
        {
            return content.ToObjectFromJson<Document>(ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
