namespace BankFunctions.Features.Payments;

/// <summary>The contract's payment statuses (API.md "Statuses"), as stored and shown.</summary>
public static class PaymentStatuses
{
    public const string PendingApproval = "pending_approval";
    public const string Approved = "approved";
    public const string Signing = "signing";
    public const string Sent = "sent";
    public const string Accepted = "accepted";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string Returned = "returned";
    public const string Failed = "failed";
    public const string NeedsAttention = "needs_attention";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        PendingApproval, Approved, Signing, Sent, Accepted, Completed, Rejected, Cancelled, Returned, Failed, NeedsAttention,
    };

    /// <summary>Before sending, a payment can still be cancelled (API.md: cancel only before sending).</summary>
    public static bool IsCancellable(string status) => status is PendingApproval or Approved;
}
