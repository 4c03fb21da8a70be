namespace BankFunctions.Storage.Rows;

/// <summary>
/// An index row for newest-first lists (PK = tenant, RK = <see cref="TableKeys.PaymentListRow"/> or
/// <see cref="TableKeys.BatchListRow"/>). It copies the payment's fields that never change, so a list's filters can
/// skip most rows on the server; status changes, so it is checked on the payment row itself.
/// </summary>
public sealed class ListEntryRow : RowBase
{
    public const string PaymentEntry = "payment";
    public const string BatchEntry = "batch";

    /// <summary><see cref="PaymentEntry"/> (a single payment) or <see cref="BatchEntry"/> (a batch: its items list here).</summary>
    public string Entry { get; set; } = PaymentEntry;
    /// <summary>The payment id or batch id.</summary>
    public string SubjectId { get; set; } = "";
    public string DebtorAccountId { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>The amount (a batch: its total) in thousandths, whatever the currency's minor unit (≤ 3): exact, comparable across currencies.</summary>
    public long AmountMilli { get; set; }
    public string? CreditorAccount { get; set; }
    public string? EndToEndId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
