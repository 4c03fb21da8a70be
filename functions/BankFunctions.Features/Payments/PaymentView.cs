using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

public sealed record MoneyView(string Currency, string Value);

public sealed record PartyView(string Name, string? Iban, string? Bic, string? AccountNumber, string? BankCode);

/// <summary>A payment as the API shows it.</summary>
public sealed record PaymentView(
    string Id,
    string Status,
    string? BatchId,
    string DebtorAccountId,
    MoneyView Amount,
    PartyView Creditor,
    string? RemittanceInformation,
    string RequestedExecutionDate,
    string EndToEndId,
    string BankReference,
    string? BookingReference,
    int ApprovalsRequired,
    IReadOnlyList<string> Approvals,
    string? IsoStatus,
    string? BankStatusCode,
    string? StatusReason,
    IReadOnlyList<StatusChange> StatusHistory,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The day the bank executes the payment: <see cref="RequestedExecutionDate"/>, or the bank's next business day when
    /// that is a weekend day or holiday of the bank, or today after its cut-off (yyyy-MM-dd).
    /// </summary>
    public string ExecutionDate { get; init; } = "";

    /// <summary>While the payment's bank file waits for an unavailable bank: since when (null otherwise).</summary>
    public DateTimeOffset? BankUnavailableSince { get; init; }
    /// <summary>While waiting: when the next send or status query is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
    /// <summary>While waiting: the last failure's code (HTTP503, Transport, …).</summary>
    public string? LastErrorCode { get; init; }

    /// <summary>The payment with the wait of its bank file, if that file is waiting for its bank.</summary>
    public PaymentView WithWait(BankFileRow? file) => file?.BankUnavailableSince is { } since
        ? this with { BankUnavailableSince = since, NextAttemptAt = file.NextAttemptAt, LastErrorCode = file.LastErrorCode }
        : this;

    /// <summary>On the creating response only: what was changed to fit the bank (e.g. SEPA transliteration of the creditor name).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>When the creditor was given as a counterparty's account: which (issue #17 "Counterparties").</summary>
    public string? CounterpartyId { get; init; }
    public string? CounterpartyAccountId { get; init; }
    /// <summary>True on the first payment to a new or changed counterparty account (it may need extra approvals).</summary>
    public bool? FirstPaymentToAccount { get; init; }

    /// <summary>Once a person acted on it in needs_attention (issue #17): the resolution waiting for confirmation and what was done.</summary>
    public PaymentAttention? Attention { get; init; }

    /// <summary>
    /// The approval levels it needs, as snapshotted at submission (issue #15), and who approved at each (a batch
    /// item: its batch's). <see cref="ApprovalsRequired"/> is their total and <see cref="Approvals"/> everyone who approved.
    /// </summary>
    public IReadOnlyList<Approvals.RequiredLevel> ApprovalLevels { get; init; } = [];

    /// <summary>Who submitted it: a user id (usr_…) or an API key id.</summary>
    public string CreatedBy { get; init; } = "";
    /// <summary>The submitting person's display name at submission (issue #15); absent when a key submitted it.</summary>
    public string? CreatedByName { get; init; }

    public static PaymentView From(PaymentRow row) => new(
        row.PaymentId, row.Status, row.BatchId, row.DebtorAccountId, new MoneyView(row.Currency, row.Amount),
        new PartyView(row.CreditorName, row.CreditorIban, row.CreditorBic, row.CreditorAccountNumber, row.CreditorBankCode),
        row.RemittanceInformation, row.RequestedExecutionDate, row.EndToEndId, row.BankReference, row.BookingReference, row.ApprovalsRequired,
        ApprovalList.Parse(row.Approvals), row.IsoStatus, row.BankStatusCode, row.StatusReason,
        Payments.StatusHistory.Read(row.StatusHistory), row.CreatedAt, row.UpdatedAt)
    {
        ExecutionDate = PaymentRows.ExecutionDate(row),
        Attention = PaymentAttention.From(row),
        CounterpartyId = row.CounterpartyId,
        CounterpartyAccountId = row.CounterpartyAccountId,
        FirstPaymentToAccount = row.CounterpartyId is null ? null : row.FirstPaymentToAccount,
        ApprovalLevels = row.BatchId is null ? PaymentApprovals.Snapshot(row) : [],
        CreatedBy = row.CreatedBy,
        CreatedByName = row.CreatedByName,
    };

    /// <summary>
    /// A batch item as shown: batches are approved as a whole, so an item carries its batch's approvals (the item rows
    /// themselves never record any).
    /// </summary>
    public static PaymentView From(PaymentRow row, BatchRow? batch) => batch is null
        ? From(row)
        : From(row) with { ApprovalsRequired = batch.ApprovalsRequired, Approvals = ApprovalList.Parse(batch.Approvals), ApprovalLevels = PaymentApprovals.Snapshot(batch) };
}

public static class ApprovalList
{
    public static IReadOnlyList<string> Parse(string approvals) => approvals.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string Add(string approvals, string keyId) => approvals.Length == 0 ? keyId : approvals + "," + keyId;
}
