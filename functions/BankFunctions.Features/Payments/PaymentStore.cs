using BankFunctions.Storage.Guard;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>The outcome of deciding a transition on a freshly read row.</summary>
public abstract record TransitionDecision
{
    /// <summary>Write the (mutated) row, plus these extra rows, in one transaction guarded by the row's ETag.</summary>
    public sealed record Write(IReadOnlyList<TableTransactionAction> Extra) : TransitionDecision;
    /// <summary>Nothing to write; answer with this.</summary>
    public sealed record Stop(Microsoft.AspNetCore.Http.IResult Result) : TransitionDecision;
}

/// <summary>
/// Reads and transitions payments. Every transition is ETag-guarded: on 412 the row is read again and the decision
/// made again, so two racing approvers produce one result.
/// </summary>
public sealed class PaymentStore(StorageClients storage)
{
    private TableClient Table => storage.Table(TableNames.TenantData);

    public async Task<PaymentRow?> FindAsync(string tenantId, string paymentId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<PaymentRow>(TableKeys.TenantPartition(tenantId), TableKeys.PaymentRow(paymentId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The payment as <paramref name="caller"/> may see it: null when absent or on an account outside their scope (a 404 either way).</summary>
    public async Task<PaymentRow?> FindForAsync(Auth.Caller caller, string paymentId, CancellationToken cancellationToken) =>
        await FindAsync(caller.RequireTenant(), paymentId, cancellationToken) is { } row && caller.MaySee(row.DebtorAccountId) ? row : null;

    /// <summary>The batch as <paramref name="caller"/> may see it (see <see cref="FindForAsync"/>).</summary>
    public async Task<BatchRow?> FindBatchForAsync(Auth.Caller caller, string batchId, CancellationToken cancellationToken) =>
        await FindBatchAsync(caller.RequireTenant(), batchId, cancellationToken) is { } row && caller.MaySee(row.DebtorAccountId) ? row : null;

    /// <summary>
    /// Runs decide → write until it commits without a concurrent change. <paramref name="decide"/> mutates the row it
    /// is given and returns what else to write, or a result to stop with. Returns the committed row, or the stop result.
    /// </summary>
    public Task<(PaymentRow? Row, Microsoft.AspNetCore.Http.IResult? Stopped)> TransitionAsync(
        string tenantId, string paymentId, Func<PaymentRow, TransitionDecision> decide, CancellationToken cancellationToken) =>
        TransitionAsync<PaymentRow>(TableKeys.TenantPartition(tenantId), TableKeys.PaymentRow(paymentId), decide, cancellationToken);

    public async Task<BatchRow?> FindBatchAsync(string tenantId, string batchId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<BatchRow>(TableKeys.TenantPartition(tenantId), TableKeys.BatchRow(batchId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The same decide → ETag-guarded write loop for any tenant row (payments, batch headers).</summary>
    public async Task<(TRow? Row, Microsoft.AspNetCore.Http.IResult? Stopped)> TransitionAsync<TRow>(
        string partitionKey, string rowKey, Func<TRow, TransitionDecision> decide, CancellationToken cancellationToken)
        where TRow : RowBase, new()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TRow>(partitionKey, rowKey, cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value : null;
            if (row is null)
            {
                return (null, null);
            }
            switch (decide(row))
            {
                case TransitionDecision.Stop stop:
                    return (row, stop.Result);
                case TransitionDecision.Write write:
                    var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
                    actions.AddRange(write.Extra);
                    try
                    {
                        await Table.SubmitCheckedAsync(actions, cancellationToken);
                        return (row, null);
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 412)
                    {
                        // Someone else changed it: decide again on what is there now.
                    }
                    break;
            }
        }
        throw new InvalidOperationException("The row kept changing while being transitioned.");
    }
}
