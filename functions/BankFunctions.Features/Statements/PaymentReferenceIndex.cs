using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// Writes the reconciliation index for a bank file's payments — bank reference (EndToEndId / yurref) → payment —
/// into the debtor account's statement partition, before the file can reach the bank, so any entry that books or
/// returns one of them finds it with a point read. Upserts of derived values: writing twice is harmless.
/// </summary>
public sealed class PaymentReferenceIndex(StorageClients storage)
{
    public async Task WriteAsync(string tenantId, string debtorAccountId, IReadOnlyList<PaymentRow> payments, CancellationToken cancellationToken)
    {
        var partition = TableKeys.StatementPartition(tenantId, debtorAccountId);
        var table = storage.Table(TableNames.Statements);
        foreach (var chunk in payments.DistinctBy(p => p.BankReference).Chunk(100))
        {
            await table.SubmitCheckedAsync(chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new PaymentReferenceRow
            {
                PartitionKey = partition,
                RowKey = TableKeys.PaymentReferenceRow(EntryKeys.Safe(p.BankReference)),
                PaymentId = p.PaymentId,
                Amount = p.Amount,
                Currency = p.Currency,
            })), cancellationToken);
        }
    }
}
