namespace BankFunctions.Storage.Rows;

/// <summary>
/// One statement entry, stored once (table Statements, PK = tenant|account, RK = "txn|" + inverted booking date + "|" +
/// entry key): row keys sort newest day first, so the transactions list is a forward range scan. Amounts are signed
/// decimal strings exactly as the bank wrote them (debit negative), with the currency beside them.
/// </summary>
public sealed class StatementEntryRow : RowBase, IReceiptLink
{
    /// <summary>
    /// The entry's id and dedupe key (see EntryKeys): bucket and slot, "20261127.D125.EUR.0" (day, D/C and amount,
    /// currency, slot). Rows stored before buckets have "r-…" (bank reference) or "h-…" (content hash) keys.
    /// </summary>
    public string EntryKey { get; set; } = "";
    public string Amount { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>yyyy-MM-dd.</summary>
    public string? BookingDate { get; set; }
    public string? ValueDate { get; set; }
    /// <summary>booked | pending.</summary>
    public string Status { get; set; } = "";
    public string? BankReference { get; set; }
    public string? EndToEndId { get; set; }
    public string? CustomerReference { get; set; }
    public string? Uetr { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyAccount { get; set; }
    public string? CounterpartyBank { get; set; }
    public string? RemittanceInformation { get; set; }
    public string? BankTransactionCode { get; set; }
    public bool IsReversal { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>Batch bookings: JSON array of the entry's transaction details (amount, references, counterparty).</summary>
    public string? Details { get; set; }
    /// <summary>Where the entry came from: the statement kind (camt.053, mt940, cmb…) and the raw file's blob name.</summary>
    public string SourceKind { get; set; } = "";
    public string? SourceBlob { get; set; }
    /// <summary>The payment(s) this entry settles or returns (comma-separated ids) once reconciled.</summary>
    public string? PaymentIds { get; set; }
    /// <summary>False until reconciliation has tied the entry to our payments (listable: ?matched=false).</summary>
    public bool Matched { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    public string? ReceiptBlob { get; set; }
    public string? ReceiptSha256 { get; set; }
    public string? ReceiptContentType { get; set; }
    /// <summary>Why the receipt was given up on after its last attempt (the bank's code and words); null while it may still come.</summary>
    public string? ReceiptFailure { get; set; }
}

/// <summary>
/// The bank-reference index of one entry (RK = "ekey|r-" + reference, "~n" for its n-th repeat in one file), added in
/// the same transaction as the entry: finds a reference already stored in another bucket (EntryKeys). Rows stored
/// before buckets were the entry's guard under the same key ("ekey|h-…" for entries without a reference).
/// </summary>
public sealed class EntryGuardRow : RowBase
{
    /// <summary>The RowKey of the entry this key was stored under.</summary>
    public string EntryRowKey { get; set; } = "";
    public string Status { get; set; } = "";
}

/// <summary>
/// The latest balances of one account (RK = "balance"), each with its as-of time and source, replaced only by newer
/// information (ETag-guarded).
/// </summary>
public sealed class AccountBalanceRow : RowBase
{
    public string Currency { get; set; } = "";
    public string? Booked { get; set; }
    public string? BookedDate { get; set; }
    public DateTimeOffset? BookedAsOf { get; set; }
    public string? BookedSource { get; set; }
    public string? Available { get; set; }
    public string? AvailableDate { get; set; }
    public DateTimeOffset? AvailableAsOf { get; set; }
    public string? AvailableSource { get; set; }
}

/// <summary>
/// The booked balances of one day (RK = "dbal|" + yyyy-MM-dd) as the day's final statements gave them: opening (camt
/// OPBD/PRCD, MT940 :60F:) and closing (camt CLBD, MT940 :62F:), each with the statement it came from and when we learnt
/// it. Written at ingest, ETag-guarded, only when a value changes; read by the reconciliation report and the camt.053 export.
/// </summary>
public sealed class DayBalanceRow : RowBase
{
    /// <summary>yyyy-MM-dd.</summary>
    public string Day { get; set; } = "";
    public string Currency { get; set; } = "";
    public string? Opening { get; set; }
    public string? OpeningSource { get; set; }
    public DateTimeOffset? OpeningAsOf { get; set; }
    public string? Closing { get; set; }
    public string? ClosingSource { get; set; }
    public DateTimeOffset? ClosingAsOf { get; set; }
}

/// <summary>Where the next pull of one feed starts (RK = "pull|" + feed), advanced ETag-guarded after entries are stored.</summary>
public sealed class PullStateRow : RowBase
{
    public string Feed { get; set; } = "";
    public string? Cursor { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The last statement sequence number seen per statement kind (RK = "seq|" + kind), for gap detection.</summary>
public sealed class StatementSequenceRow : RowBase
{
    public long LastSequence { get; set; }
    public string? LastStatementId { get; set; }
}

/// <summary>A statement warning (imbalance, sequence gap, mismatch) kept for the API (RK = "warn|" + content key).</summary>
public sealed class StatementWarningRow : RowBase
{
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public string? StatementId { get; set; }
    public string? SourceBlob { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
}

/// <summary>
/// Reconciliation index (RK = "pref|" + bank reference): the payment a bank reference (EndToEndId / yurref) belongs
/// to, written when the payment's file is prepared, in the debtor account's partition.
/// </summary>
public sealed class PaymentReferenceRow : RowBase
{
    public string PaymentId { get; set; } = "";
    public string Amount { get; set; } = "";
    public string Currency { get; set; } = "";
}
