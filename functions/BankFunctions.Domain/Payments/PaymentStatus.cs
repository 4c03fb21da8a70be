namespace BankFunctions.Domain.Payments;

/// <summary>A payment's status (API.md "Statuses"). Stored and shown by its wire name (<see cref="PaymentStatusNames"/>).</summary>
public enum PaymentStatus
{
    PendingApproval,
    Approved,
    Signing,
    Sent,
    Accepted,
    Completed,
    Rejected,
    Cancelled,
    Returned,
    Failed,
    NeedsAttention,
    /// <summary>Its creditor's name matched a sanctions list entry at the sign stage; an admin clears or rejects it (issue #17).</summary>
    ScreeningHold,
}

/// <summary>The contract's names of <see cref="PaymentStatus"/>, the only place they are spelled.</summary>
public static class PaymentStatusNames
{
    private static readonly string[] Names =
        ["pending_approval", "approved", "signing", "sent", "accepted", "completed", "rejected", "cancelled", "returned", "failed", "needs_attention", "screening_hold"];

    private static readonly Dictionary<string, PaymentStatus> ByName =
        Enum.GetValues<PaymentStatus>().ToDictionary(s => Names[(int)s], StringComparer.Ordinal);

    public static IReadOnlyList<string> All => Names;

    public static string ToWire(this PaymentStatus status) => Names[(int)status];

    public static PaymentStatus? TryParse(string? name) => name is not null && ByName.TryGetValue(name, out var s) ? s : null;

    /// <summary>A status read from our own rows; throws <see cref="FormatException"/> for a name the contract does not have.</summary>
    public static PaymentStatus Parse(string name) => TryParse(name) ?? throw new FormatException($"'{name}' is not a payment status.");
}
