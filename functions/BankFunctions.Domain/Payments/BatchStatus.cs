namespace BankFunctions.Domain.Payments;

/// <summary>
/// A batch's status (API.md "Batch status"): its header's own status while items still move (pending_approval,
/// approved, rejected, cancelled), then what became of its items. Stored and shown by its wire name
/// (<see cref="BatchStatusNames"/>).
/// </summary>
public enum BatchStatus
{
    PendingApproval,
    Approved,
    Completed,
    PartiallyCompleted,
    Rejected,
    Cancelled,
    Failed,
    Returned,
    NeedsAttention,
}

/// <summary>The contract's names of <see cref="BatchStatus"/>, the only place they are spelled.</summary>
public static class BatchStatusNames
{
    private static readonly string[] Names =
        ["pending_approval", "approved", "completed", "partially_completed", "rejected", "cancelled", "failed", "returned", "needs_attention"];

    private static readonly Dictionary<string, BatchStatus> ByName =
        Enum.GetValues<BatchStatus>().ToDictionary(s => Names[(int)s], StringComparer.Ordinal);

    public static IReadOnlyList<string> All => Names;

    public static string ToWire(this BatchStatus status) => Names[(int)status];

    public static BatchStatus? TryParse(string? name) => name is not null && ByName.TryGetValue(name, out var s) ? s : null;

    /// <summary>A status read from our own rows; throws <see cref="FormatException"/> for a name the contract does not have.</summary>
    public static BatchStatus Parse(string name) => TryParse(name) ?? throw new FormatException($"'{name}' is not a batch status.");
}
