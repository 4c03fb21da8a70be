using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage.Guard;

/// <summary>
/// Every table write goes through these, so the Azure limits are checked before the request leaves. An audit row's
/// <see cref="AuditRow.Companion"/> (its change's events) joins whatever transaction carries the audit row, appended
/// after the caller's actions so the caller's response indexes stay as they were; its <see cref="AuditRow.AfterCommit"/>
/// runs once the transaction committed.
/// </summary>
public static class GuardedWrites
{
    public static async Task<Response<IReadOnlyList<Response>>> SubmitCheckedAsync(this TableClient table, IEnumerable<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        var list = actions.ToList();
        var audits = list.Select(a => a.Entity).OfType<AuditRow>().Where(a => a.Companion is not null).ToList();
        list.AddRange(audits.Select(a => new TableTransactionAction(TableTransactionActionType.Add, a.Companion!)));
        StorageLimits.CheckBatch(list);
        var result = await table.SubmitTransactionAsync(list, cancellationToken).ConfigureAwait(false);
        await AfterCommitAsync(audits, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public static async Task<Response> AddCheckedAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default) where T : ITableEntity
    {
        if (entity is AuditRow { Companion: not null })
        {
            var result = await table.SubmitCheckedAsync([new TableTransactionAction(TableTransactionActionType.Add, entity)], cancellationToken).ConfigureAwait(false);
            return result.Value[0];
        }
        StorageLimits.CheckEntity(entity);
        return await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public static Task<Response> UpdateCheckedAsync<T>(this TableClient table, T entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        StorageLimits.CheckEntity(entity);
        return table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
    }

    public static Task<Response> UpsertCheckedAsync<T>(this TableClient table, T entity, TableUpdateMode mode, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        StorageLimits.CheckEntity(entity);
        return table.UpsertEntityAsync(entity, mode, cancellationToken);
    }

    private static async Task AfterCommitAsync(List<AuditRow> audits, CancellationToken cancellationToken)
    {
        foreach (var audit in audits)
        {
            if (audit.AfterCommit is { } after)
            {
                try
                {
                    await after(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException)
                {
                    // The change is committed; a lost nudge only delays its events until the sweep finds them.
                }
            }
        }
    }
}
