using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>An event not yet numbered: its type, the resource it is about and that resource as the API returns it.</summary>
public sealed record EventDraft(string Type, string ResourceId, object Data);

/// <summary>
/// Which event an audited change makes (issue #14 "Events"). Pure: the audit row's action, who acted and the resource
/// before and after. A payment's event names the status it reached ("payment.approved", "payment.sent", …); a bank's
/// rejection is "payment.rejected_by_bank" so it is never mistaken for an approver's "payment.rejected"; an audited
/// change that leaves the status where it was (one approval of several, a screening hold, a booking of a completed
/// payment) is "payment.updated". Batches alike ("batch.created", "batch.approved", … with their per-status counts).
/// </summary>
public static class EventTypes
{
    public const string PaymentCreated = "payment.created";
    public const string PaymentUpdated = "payment.updated";
    public const string PaymentRejectedByBank = "payment.rejected_by_bank";
    public const string BatchCreated = "batch.created";
    public const string BatchUpdated = "batch.updated";
    public const string Test = "webhook_endpoint.test";
    public const string WebhookEndpointDisabled = "webhook_endpoint.disabled";

    /// <summary>Every type a client can ask for (the feed's and endpoints' type filter is checked against it).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        PaymentCreated, "payment.approved", "payment.rejected", "payment.cancelled", "payment.signing", "payment.sent", "payment.accepted",
        "payment.completed", PaymentRejectedByBank, "payment.failed", "payment.returned", "payment.needs_attention", "payment.pending_approval",
        PaymentUpdated,
        BatchCreated, "batch.pending_approval", "batch.approved", "batch.rejected", "batch.cancelled", BatchUpdated,
        WebhookEndpointDisabled,
    ];

    /// <summary>The events of an audited change, inferred from what the audit row records.</summary>
    public static IReadOnlyList<EventDraft> FromAudit(string action, bool bySystem, object? before, object? after) => (before, after) switch
    {
        (_, PaymentView p) when action == PaymentCreated => [new(PaymentCreated, p.Id, p)],
        (PaymentView b, PaymentView p) => [new(b.Status == p.Status ? PaymentUpdated : PaymentStatusType(p.Status, bySystem), p.Id, p)],
        (null, PaymentView p) when action.StartsWith("payment.", StringComparison.Ordinal) =>
            [new(action == "payment." + p.Status ? PaymentStatusType(p.Status, bySystem) : PaymentUpdated, p.Id, p)],
        (_, BatchView b) when action == BatchCreated => [new(BatchCreated, b.Id, b)],
        (BatchView was, BatchView b) => [new(was.Status == b.Status ? BatchUpdated : "batch." + b.Status, b.Id, b)],
        (null, BatchView b) when action.StartsWith("batch.", StringComparison.Ordinal) =>
            [new(action == "batch." + b.Status ? action : BatchUpdated, b.Id, b)],
        (_, Webhooks.WebhookEndpointView w) when action == WebhookEndpointDisabled => [new(WebhookEndpointDisabled, w.Id, w)],
        _ => [],
    };

    /// <summary>The events of payments a stage moved (<see cref="TransitionAudit"/>): each payment's new status.</summary>
    public static IReadOnlyList<EventDraft> Moved(IEnumerable<PaymentRow> moved) =>
        moved.Select(row => PaymentView.From(row)).Select(p => new EventDraft(PaymentStatusType(p.Status, bySystem: true), p.Id, p)).ToList();

    private static string PaymentStatusType(string status, bool bySystem) =>
        status == "rejected" && bySystem ? PaymentRejectedByBank : "payment." + status;
}
