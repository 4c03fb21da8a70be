using BankFunctions.Storage.Guard;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Dispatch;

/// <summary>Reads bank files and their payments, and moves payments between statuses in ETag-guarded chunks.</summary>
public sealed class BankFileStore(StorageClients storage, TimeProvider clock, AuditRows audit)
{
    private TableClient Table => storage.Table(TableNames.TenantData);

    public async Task<BankFileRow?> FindAsync(string tenantId, string fileId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<BankFileRow>(TableKeys.TenantPartition(tenantId), TableKeys.BankFileRow(fileId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The file's payments without scanning the tenant: a batch's items share their row key prefix (ids derived from the
    /// batch id), single payments are listed on the file row and read by point reads.
    /// </summary>
    public async Task<List<PaymentRow>> PaymentsAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        if (file.BatchId is null && !string.IsNullOrEmpty(file.PaymentIds))
        {
            var rows = await Task.WhenAll(file.PaymentIds.Split(',').Select(id =>
                Table.GetEntityIfExistsAsync<PaymentRow>(file.PartitionKey, TableKeys.PaymentRow(id), cancellationToken: cancellationToken)));
            return rows.Where(r => r.HasValue && r.Value!.FileId == file.FileId).Select(r => r.Value!)
                .OrderBy(p => p.PaymentId, StringComparer.Ordinal).ToList();
        }
        var prefix = file.BatchId is { } batchId ? TableKeys.PaymentRow(BatchId.Of(batchId).ItemIdPrefix) : TableKeys.PaymentPrefix;
        var filter = TableKeys.PrefixFilter(file.PartitionKey, prefix) + $" and FileId eq '{TableKeys.Escape(file.FileId)}'";
        var result = new List<PaymentRow>();
        await foreach (var row in Table.QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
        {
            result.Add(row);
        }
        return result.OrderBy(p => p.ItemIndex ?? 0).ThenBy(p => p.PaymentId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Saves a file row guarded by its ETag; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        file.UpdatedAt = clock.GetUtcNow();
        try
        {
            var response = await Table.UpdateCheckedAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken);
            file.ETag = response.Headers.ETag ?? file.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The file row (ETag-guarded) and its outbox row in one entity-group transaction; false when the file changed meanwhile.</summary>
    public async Task<bool> TryUpdateAsync(BankFileRow file, OutboxRow outbox, CancellationToken cancellationToken)
    {
        file.UpdatedAt = clock.GetUtcNow();
        try
        {
            var result = await Table.SubmitCheckedAsync(
                [new(TableTransactionActionType.UpdateReplace, file, file.ETag), new(TableTransactionActionType.UpsertReplace, outbox)], cancellationToken);
            file.ETag = result.Value[0].Headers.ETag ?? file.ETag;
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Payments per transaction: an entity-group transaction holds 100 entities, one of them the audit row and one the
    /// events of the move (issue #14).
    /// </summary>
    public const int PaymentsPerTransaction = 98;

    /// <summary>
    /// Applies <paramref name="change"/> to every payment for which it returns true, <see cref="PaymentsPerTransaction"/>
    /// per transaction with their audit row (actor "system:" + <paramref name="function"/>; <see cref="TransitionAudit"/>),
    /// each guarded by the payment's ETag; a payment changed meanwhile is re-read and offered to <paramref name="change"/>
    /// again. Returns the payments as this call last saw them (the re-read rows in place of stale ones), in input order,
    /// so a caller can decide what comes next without reading them all again.
    /// </summary>
    public async Task<IReadOnlyList<PaymentRow>> TransitionAsync(IEnumerable<PaymentRow> payments, Func<PaymentRow, DateTimeOffset, bool> change,
        string function, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = payments.ToList();
        var index = current.Select((p, i) => (p.RowKey, i)).ToDictionary(x => x.RowKey, x => x.i, StringComparer.Ordinal);
        var pending = Decide(current, change, now);
        for (var attempt = 0; pending.Count > 0 && attempt < 5; attempt++)
        {
            var retry = new List<(PaymentRow Row, string From)>();
            foreach (var chunk in pending.Chunk(PaymentsPerTransaction))
            {
                var actions = chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpdateReplace, m.Row, m.Row.ETag)).ToList();
                actions.Add(new(TableTransactionActionType.Add, TransitionAudit.Row(audit, function, chunk, now)));
                try
                {
                    var result = await Table.SubmitCheckedAsync(actions, cancellationToken);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        // The rows stay current, so a second transition of the same objects does not meet its own 412.
                        chunk[i].Row.ETag = result.Value[i].Headers.ETag ?? chunk[i].Row.ETag;
                    }
                }
                catch (TableTransactionFailedException e) when (e.Status == 412)
                {
                    var fresh = new List<PaymentRow>();
                    foreach (var (p, _) in chunk)
                    {
                        var read = await Table.GetEntityIfExistsAsync<PaymentRow>(p.PartitionKey, p.RowKey, cancellationToken: cancellationToken);
                        if (read.HasValue && read.Value is not null)
                        {
                            current[index[p.RowKey]] = read.Value;
                            fresh.Add(read.Value);
                        }
                    }
                    retry.AddRange(Decide(fresh, change, now));
                }
            }
            pending = retry;
        }
        if (pending.Count > 0)
        {
            throw new InvalidOperationException("Payments kept changing while being transitioned.");
        }
        return current;
    }

    /// <summary>The payments <paramref name="change"/> moved, each with the status it had before.</summary>
    private static List<(PaymentRow Row, string From)> Decide(IEnumerable<PaymentRow> payments, Func<PaymentRow, DateTimeOffset, bool> change, DateTimeOffset now)
    {
        var moved = new List<(PaymentRow, string)>();
        foreach (var p in payments)
        {
            var from = p.Status;
            if (change(p, now))
            {
                moved.Add((p, from));
            }
        }
        return moved;
    }

    /// <summary>
    /// Moves each payment as the bank reports it, through the state machine (<see cref="PaymentTrigger.BankReport"/>:
    /// forward only, the bank's codes kept); returns them as now known.
    /// </summary>
    public Task<IReadOnlyList<PaymentRow>> ApplyBankStatusesAsync(IReadOnlyList<PaymentRow> payments, IReadOnlyList<PaymentBankStatus> statuses,
        string function, CancellationToken cancellationToken)
    {
        var byReference = statuses.GroupBy(s => s.BankReference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return TransitionAsync(payments, (p, now) => byReference.TryGetValue(p.BankReference, out var s) &&
            PaymentTransitions.TryApply(p, s.Status, PaymentTrigger.BankReport, now, s.Reason, s.BankCode, s.IsoStatus),
            function, cancellationToken);
    }

    /// <summary>Removes an outbox row once its work is taken; a missing row is fine.</summary>
    public async Task DeleteOutboxAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(TableKeys.TenantPartition(tenantId), TableKeys.OutboxRow(subjectId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
