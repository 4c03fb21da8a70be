using BankFunctions.Domain;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Builds the newest-first index rows (<see cref="ListEntryRow"/>) that go into the same transaction as the payment or
/// batch header they list, so the lists cost no extra storage operation per payment.
/// </summary>
public static class ListEntries
{
    public static ListEntryRow For(PaymentRow p) => new()
    {
        PartitionKey = p.PartitionKey,
        RowKey = TableKeys.PaymentListRow(p.CreatedAt, p.PaymentId),
        Entry = ListEntryRow.PaymentEntry,
        SubjectId = p.PaymentId,
        DebtorAccountId = p.DebtorAccountId,
        Currency = p.Currency,
        AmountMilli = Milli(Money.Parse(p.Amount, p.Currency)),
        CreditorAccount = CreditorAccount(p),
        EndToEndId = p.EndToEndId,
        CreatedAt = p.CreatedAt,
    };

    /// <summary>The batch's place in the payment list (its items are listed there) and its row in the batch list.</summary>
    public static IEnumerable<ListEntryRow> For(BatchRow b) =>
        [Batch(b, TableKeys.PaymentListRow(b.CreatedAt, b.BatchId)), Batch(b, TableKeys.BatchListRow(b.CreatedAt, b.BatchId))];

    private static ListEntryRow Batch(BatchRow b, string rowKey) => new()
    {
        PartitionKey = b.PartitionKey,
        RowKey = rowKey,
        Entry = ListEntryRow.BatchEntry,
        SubjectId = b.BatchId,
        DebtorAccountId = b.DebtorAccountId,
        Currency = b.Currency,
        AmountMilli = Milli(Money.Parse(b.TotalAmount, b.Currency)),
        CreatedAt = b.CreatedAt,
    };

    /// <summary>The creditor's IBAN or account number, as a filter compares it.</summary>
    public static string? CreditorAccount(PaymentRow p) => p.CreditorIban ?? p.CreditorAccountNumber;

    /// <summary>An amount in thousandths of its currency's unit (ISO 4217 minor units are at most 3, so exact).</summary>
    public static long Milli(Money amount) => decimal.ToInt64(amount.Amount * 1000m);
}
