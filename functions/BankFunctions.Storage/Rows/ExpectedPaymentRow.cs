namespace BankFunctions.Storage.Rows;

/// <summary>
/// One expected payment (PK = tenant, RK = "xp|" + id): what the tenant expects to be credited to (or debited from) one
/// of its accounts, and what statement entries settled of it. Amounts are decimal strings in the currency's minor units.
/// </summary>
public sealed class ExpectedPaymentRow : RowBase
{
    public string ExpectedPaymentId { get; set; } = "";
    public string AccountId { get; set; } = "";
    /// <summary>"credit" or "debit".</summary>
    public string Direction { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>The exact amount expected, or null when a range is.</summary>
    public string? Amount { get; set; }
    public string? MinAmount { get; set; }
    public string? MaxAmount { get; set; }
    /// <summary>What is still open (the amount, or the range's maximum, until settled; "0.00" once reconciled).</summary>
    public string RemainingAmount { get; set; } = "";
    /// <summary>yyyy-MM-dd, inclusive.</summary>
    public string WindowFrom { get; set; } = "";
    public string WindowTo { get; set; } = "";
    public string? CounterpartyName { get; set; }
    public string? CounterpartyAccount { get; set; }
    public string? Reference { get; set; }
    public string? RemittancePattern { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>JSON object of string values.</summary>
    public string? Metadata { get; set; }
    /// <summary>open, partially_reconciled, reconciled, cancelled.</summary>
    public string Status { get; set; } = "";
    /// <summary>JSON array of {entryId, amount, bookingDate, rule, at}.</summary>
    public string Settlements { get; set; } = "[]";
    public string? CancelReason { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The guard that a booked statement entry settled expected payments once (PK = tenant, RK = "xpe|" + account + "|" +
/// the entry's RowKey): added in the same transaction as the expected payments it changes, so a second pull, import or
/// concurrent run of the same entry fails on it (409) and settles nothing again.
/// </summary>
public sealed class EntrySettlementRow : RowBase
{
    public string AccountId { get; set; } = "";
    public string EntryId { get; set; } = "";
    public string Rule { get; set; } = "";
    /// <summary>Comma-separated expected payment ids.</summary>
    public string ExpectedPaymentIds { get; set; } = "";
    /// <summary>
    /// Comma-separated ids of our own payments a person tied this (debit) entry to by hand (issue #17), null when none:
    /// written in the same transaction as those payments' move to completed, so a payment is tied by one entry only.
    /// </summary>
    public string? PaymentIds { get; set; }
    public DateTimeOffset At { get; set; }
}
