namespace BankFunctions.Features.Counterparties;

/// <summary>Account types and approval states as the API names them.</summary>
public static class CounterpartyWire
{
    public const string Iban = "iban", Cnaps = "cnaps", Domestic = "domestic";
    public const string PendingApproval = "pending_approval", Approved = "approved", Rejected = "rejected";

    public static IReadOnlyList<string> Types { get; } = [Iban, Cnaps, Domestic];
    public static IReadOnlyList<string> Statuses { get; } = [Approved, PendingApproval, Rejected];
}

/// <summary>
/// A counterparty's bank account with its approval state (stored as JSON in the counterparty's row, shown as is).
/// A new or changed account is <c>pending_approval</c> until <see cref="ApprovalsRequired"/> approvers other than the
/// requester approved it; only an <c>approved</c> one can be paid to. <see cref="FirstPaymentId"/> is the first
/// payment submitted to it since it was approved (null: none yet).
/// </summary>
public sealed record CounterpartyAccount(
    string Id, string Type, string? Iban, string? Bic, string? AccountNumber, string? BankCode, string? Country, string? Label,
    string Status, int ApprovalsRequired, IReadOnlyList<string> Approvals, string RequestedBy, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt = null, string? DecisionReason = null, string? FirstPaymentId = null)
{
    /// <summary>Same bank details (what a payment is sent to); labels do not count.</summary>
    public bool SameDetails(CounterpartyAccount other) =>
        Type == other.Type && Iban == other.Iban && Bic == other.Bic && AccountNumber == other.AccountNumber &&
        BankCode == other.BankCode && Country == other.Country;
}

public sealed record AddressView(string? Street, string? PostCode, string? Town, string? Country);

/// <summary>A counterparty as the decisions see it and the API shows it.</summary>
public sealed record CounterpartyView(
    string Id, string Name, string? Email, AddressView? Address, IReadOnlyList<CounterpartyAccount> Accounts,
    IReadOnlyDictionary<string, string>? Metadata, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
