using Azure;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.AuditTrail;

public sealed class AuditChainOptions
{
    public const string Section = "AuditChain";

    /// <summary>
    /// Rows younger than this are left for a later run. An audit id is minted (the writer's clock) just before the
    /// transaction that commits it, inside one function invocation, so a row becomes visible at most functionTimeout
    /// (host.json: 5 min) plus clock skew after its id's time: 10 minutes is twice that. A row that still commits behind
    /// a checkpoint is not chained; verify reports it (rows_added), it is never accepted silently.
    /// </summary>
    public TimeSpan SettlingLag { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many rows between two checkpoints (a deleted row is located to within one such segment).</summary>
    public int RowsPerCheckpoint { get; set; } = 1000;

    public void Validate()
    {
        if (SettlingLag < TimeSpan.FromMinutes(1) || RowsPerCheckpoint is < 1 or > 100_000)
        {
            throw new InvalidOperationException("AuditChain__SettlingLag must be at least 00:01:00 and AuditChain__RowsPerCheckpoint 1..100000.");
        }
    }
}

/// <summary>
/// Timer AuditChain: for each tenant, chains the audit rows after the head checkpoint and older than the settling lag, in
/// id order, and appends signed checkpoints (blob, then row + head in one transaction). Nothing is added to the paths
/// that write audit rows. Re-running is harmless: it carries on from the head, adopts a blob a dead run left behind, and
/// stops for this tenant when another run moved the head first.
/// </summary>
public sealed partial class AuditChainer(StorageClients storage, AuditCheckpointStore checkpoints, AuditChainOptions options, TimeProvider clock,
    ILogger<AuditChainer> logger) : ITimerHandler
{
    /// <summary>Every 5 minutes: the checkpoint period is this plus the settling lag (the window in which rows are only sealed).</summary>
    public const string Schedule = "0 */5 * * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await ChainAsync(tenant.RowKey, cancellationToken);
        }
    }

    /// <summary>Chains one tenant as far as the settling lag allows; returns the checkpoints written (or adopted).</summary>
    public async Task<int> ChainAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Whole milliseconds: what the signature covers and what the row and the blob store are the same instant.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var headRow = await checkpoints.HeadAsync(tenant, cancellationToken);
        ETag? headETag = headRow?.ETag;
        var fold = new AuditChainFold(tenant, headRow is null ? null : AuditCheckpoint.FromRow(headRow), options.RowsPerCheckpoint, at);
        var from = headRow is null ? $"RowKey ge '{TableKeys.AuditPrefix}'" : $"RowKey gt '{TableKeys.Escape(TableKeys.AuditRow(headRow.LastAuditId))}'";
        var filter = $"PartitionKey eq '{TableKeys.Escape(TableKeys.TenantPartition(tenant))}' and {from} and RowKey lt '{TableKeys.AuditRow(TimeOrderedId.TimePrefix(now - options.SettlingLag))}'";
        var written = 0;
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AuditRow>(filter, cancellationToken: cancellationToken))
        {
            if (fold.Add(row) is { } checkpoint)
            {
                if (!await AppendAsync(checkpoint))
                {
                    return written;
                }
            }
        }
        if (fold.Finish() is { } rest)
        {
            await AppendAsync(rest);
        }
        return written;

        async Task<bool> AppendAsync(AuditCheckpoint checkpoint)
        {
            var (outcome, etag) = await checkpoints.AppendAsync(checkpoint, headETag, cancellationToken);
            if (outcome == AuditCheckpointStore.Appended.Lost)
            {
                LogLost(logger, tenant, checkpoint.Sequence);
                return false;
            }
            written++;
            headETag = etag;
            return outcome == AuditCheckpointStore.Appended.Written;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit chain of tenant {Tenant}: checkpoint {Sequence} was not written (the head moved, or the blob there does not follow it)")]
    private static partial void LogLost(ILogger logger, string tenant, long sequence);
}
