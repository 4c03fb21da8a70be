namespace BankFunctions.Storage;

/// <summary>Every Storage Queue the system uses. Each has a "-poison" twin (see <see cref="Poison"/>).</summary>
public static class QueueNames
{
    public const string PaymentsSign = "payments-sign";
    public const string PaymentsDispatch = "payments-dispatch";
    public const string PaymentsStatus = "payments-status";
    public const string StatementsPull = "statements-pull";
    /// <summary>E-receipts to fetch from the bank, one message per booked entry (issue #14).</summary>
    public const string ReceiptsFetch = "receipts-fetch";
    /// <summary>A tenant id whose unsequenced events the sequencer should number (sent after each commit that carries events).</summary>
    public const string EventsSequence = "events-sequence";
    /// <summary>A webhook endpoint to deliver to (its pump), or one event to redeliver (issue #14).</summary>
    public const string WebhooksDeliver = "webhooks-deliver";

    /// <summary>One page of a tenant's re-seal under its newest data key (docs/ENCRYPTION.md "Rotation").</summary>
    public const string DataKeyReseal = "datakey-reseal";

    public static readonly IReadOnlyList<string> All = [PaymentsSign, PaymentsDispatch, PaymentsStatus, StatementsPull, ReceiptsFetch, EventsSequence, WebhooksDeliver, DataKeyReseal];

    /// <summary>The queue a message moves to after maxDequeueCount failed attempts (Azure Functions naming).</summary>
    public static string Poison(string queue) => queue + "-poison";
}
