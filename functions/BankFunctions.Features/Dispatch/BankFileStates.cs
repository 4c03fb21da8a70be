namespace BankFunctions.Features.Dispatch;

/// <summary>Where a bank file is in its life. Each stage acts only on the state it expects, so redelivered messages are no-ops.</summary>
public static class BankFileStates
{
    /// <summary>Payments are being moved into the file.</summary>
    public const string Preparing = "preparing";
    /// <summary>Built, signed and stored; ready to send.</summary>
    public const string Prepared = "prepared";
    /// <summary>A send was started; if we find this state again, the outcome is unknown and must be looked up, not resent.</summary>
    public const string Sending = "sending";
    /// <summary>The bank acknowledged the file; statuses are being tracked.</summary>
    public const string Sent = "sent";
    /// <summary>Every payment in it is terminal.</summary>
    public const string Final = "final";
    public const string NeedsAttention = "needs_attention";
}
