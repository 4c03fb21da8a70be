using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.PaymentReferences;

/// <summary>
/// The reconciliation index — bank reference (EndToEndId / yurref) → payment — in the debtor account's statement
/// partition: written by dispatch for a bank file's payments before the file can reach the bank, read by the
/// statement reconciler, so any entry that books or returns one of them finds it with a point read. Its own module,
/// so neither Dispatch nor Statements depends on the other (issue #12 §5). Upserts of derived values: writing twice
/// is harmless.
/// </summary>
public sealed class PaymentReferenceIndex(StorageClients storage)
{
    /// <summary>The index row of a bank reference.</summary>
    public static string RowKey(string reference) => TableKeys.PaymentReferenceRow(ReferenceKeys.Safe(reference));

    public async Task WriteAsync(string tenantId, string debtorAccountId, IReadOnlyList<PaymentRow> payments, CancellationToken cancellationToken)
    {
        var partition = TableKeys.StatementPartition(tenantId, debtorAccountId);
        var table = storage.Table(TableNames.Statements);
        foreach (var chunk in payments.DistinctBy(p => p.BankReference).Chunk(100))
        {
            await table.SubmitCheckedAsync(chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new PaymentReferenceRow
            {
                PartitionKey = partition,
                RowKey = RowKey(p.BankReference),
                PaymentId = p.PaymentId,
                Amount = p.Amount,
                Currency = p.Currency,
            })), cancellationToken);
        }
    }
}
