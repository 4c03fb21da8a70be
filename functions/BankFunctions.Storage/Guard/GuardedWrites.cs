using Azure;
using Azure.Data.Tables;

namespace BankFunctions.Storage.Guard;

/// <summary>Every table write goes through these, so the Azure limits are checked before the request leaves.</summary>
public static class GuardedWrites
{
    public static Task<Response<IReadOnlyList<Response>>> SubmitCheckedAsync(this TableClient table, IEnumerable<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        var list = actions as IReadOnlyCollection<TableTransactionAction> ?? actions.ToList();
        StorageLimits.CheckBatch(list);
        return table.SubmitTransactionAsync(list, cancellationToken);
    }

    public static Task<Response> AddCheckedAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default) where T : ITableEntity
    {
        StorageLimits.CheckEntity(entity);
        return table.AddEntityAsync(entity, cancellationToken);
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
}
