using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// The audit row of payments moved by a stage (signing, sent, accepted, rejected by the bank, completed, returned,
/// failed, needs_attention; issue #20 §2). One row per entity-group transaction, in that transaction, naming every
/// payment it moved (from → to, the bank's reason and code): a 10,000-item payroll moving a step costs 101 rows'
/// worth of the same ~100 transactions instead of 10,000 extra writes. Action "payment.&lt;status&gt;" when every
/// payment went to one status, else "payment.status-changed"; subject the bank file, else the batch, they share.
/// </summary>
public static class TransitionAudit
{
    /// <summary>Reasons are cut here so a full transaction's row stays far below a string property's 32,768 characters.</summary>
    public const int MaxReasonChars = 120;

    public sealed record PaymentMove(string Id, string From, string To, string? Reason, string? BankCode, string? IsoStatus);

    public sealed record Moves(IReadOnlyList<PaymentMove> Payments);

    public static AuditRow Row(AuditRows audit, string function, IReadOnlyList<(PaymentRow Row, string From)> moved, DateTimeOffset now)
    {
        var first = moved[0].Row;
        var targets = moved.Select(m => m.Row.Status).Distinct(StringComparer.Ordinal).ToList();
        var files = moved.Select(m => m.Row.FileId).Distinct(StringComparer.Ordinal).ToList();
        var batches = moved.Select(m => m.Row.BatchId).Distinct(StringComparer.Ordinal).ToList();
        var subject = files is [{ } file] ? file : batches is [{ } batch] ? batch : moved.Count == 1 ? first.PaymentId : "payments";
        var after = new Moves(moved.Select(m => new PaymentMove(m.Row.PaymentId, m.From, m.Row.Status, Cut(m.Row.StatusReason), m.Row.BankStatusCode, m.Row.IsoStatus)).ToList());
        var row = audit.SystemRow(first.PartitionKey, function, targets is [var to] ? "payment." + to : "payment.status-changed", subject, null, after, now);
        return audit.WithEvents(row, Events.EventTypes.Moved(moved.Select(m => m.Row)));
    }

    private static string? Cut(string? reason) => reason is { Length: > MaxReasonChars } ? reason[..MaxReasonChars] + "…" : reason;
}
