using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>A person's action on a payment or batch through the API: who acts, and the optional reason they gave.</summary>
public sealed record PaymentCommand(Caller Caller, string? Reason);

/// <summary>What an action decides about, read from the stored row (rows keep strings; decisions see the model).</summary>
/// <param name="Pending">A needs_attention payment's "completed" resolution waiting for a second person (issue #17).</param>
/// <param name="Levels">The approval levels snapshotted at submission, with who approved each (issue #15).</param>
public sealed record PaymentState(string PaymentId, PaymentStatus Status, string? BatchId, string CreatedBy, IReadOnlyList<RequiredLevel> Levels,
    PendingResolution? Pending = null)
{
    public static PaymentState From(PaymentRow row) => new(row.PaymentId, PaymentTransitions.StatusOf(row), row.BatchId, row.CreatedBy,
        PaymentApprovals.Snapshot(row), PaymentAttention.ReadPending(row.PendingResolution));
}

/// <summary>The bank file a signing payment is in, as far as a cancel needs it.</summary>
public sealed record SigningFile(string State, int PaymentCount, string? BatchId)
{
    public static SigningFile? From(BankFileRow? file) => file is null ? null : new(file.State, file.PaymentCount, file.BatchId);
}

/// <summary>A batch header as its approval actions see it.</summary>
public sealed record BatchState(string BatchId, BatchStatus Status, bool Complete, string CreatedBy, IReadOnlyList<RequiredLevel> Levels)
{
    public static BatchState From(BatchRow row) => new(row.BatchId, BatchStatusNames.Parse(row.Status), row.Complete, row.CreatedBy, PaymentApprovals.Snapshot(row));
}

/// <summary>Why an action is refused; the edge turns it into problem details (<see cref="Refusals"/>), changing nothing.</summary>
public sealed record Refusal(RefusalKind Kind, string Detail, string? Title = null);

public enum RefusalKind
{
    /// <summary>409: not in a status that allows it.</summary>
    InvalidState,
    /// <summary>409: this caller already did it.</summary>
    Conflict,
    /// <summary>403: the caller has the role but may not act here (<see cref="Refusal.Title"/> says why).</summary>
    NotAllowed,
}

/// <summary>A move of the payment's status, made through <see cref="PaymentTransitions"/> by the effect runner.</summary>
/// <param name="ReasonIsNote">The reason goes into the history only; statusReason keeps what it said (an approval is no exit).</param>
/// <param name="BankCode">The bank's code, when the bank's answer moves it (a requery).</param>
/// <param name="IsoCode">The bank's ISO 20022 status code, verbatim, when it gave one.</param>
public sealed record PaymentMove(PaymentStatus To, PaymentTrigger By, string? Reason, bool ReasonIsNote = false, string? BankCode = null, string? IsoCode = null);

/// <summary>A batch header's move (<see cref="BatchStateMachine"/>), and what its items do after it (<see cref="BatchItemStatuses"/>).</summary>
public sealed record BatchMove(BatchStatus To, PaymentTrigger By, string? Reason, ItemsMove Items);

/// <summary>Items in one of <paramref name="From"/> move to <paramref name="To"/> by <paramref name="By"/>.</summary>
public sealed record ItemsMove(IReadOnlySet<PaymentStatus> From, PaymentStatus To, PaymentTrigger By, string? Reason);

/// <summary>
/// What a decision asks for, as data: the runner (<see cref="PaymentActionRunner"/>) writes it in one ETag-guarded
/// entity-group transaction with its audit entry, then enqueues what it queued.
/// </summary>
public abstract record PaymentDecision
{
    public sealed record Refused(Refusal Refusal) : PaymentDecision;

    /// <param name="At">When it happened (history, updatedAt, audit).</param>
    /// <param name="AuditAction">The audit entry's action; its subject, actor and before/after views follow from the row.</param>
    /// <param name="Approval">The approval levels with the caller's approval recorded, to store.</param>
    /// <param name="Move">The status change, if any.</param>
    /// <param name="QueueForSigning">Fully approved: outbox row (and ready marker for a single payment) now, sign message after commit.</param>
    /// <param name="CloseFile">Close the payment's prepared bank file with this error text, in the same transaction (ETag-guarded).</param>
    /// <param name="Attention">What a person did about a needs_attention payment: its log entry and the pending resolution after it.</param>
    public sealed record Accepted(DateTimeOffset At, string AuditAction, IReadOnlyList<RequiredLevel>? Approval = null, PaymentMove? Move = null,
        bool QueueForSigning = false, string? CloseFile = null, AttentionChange? Attention = null) : PaymentDecision;
}

/// <summary>The same for a batch header.</summary>
public abstract record BatchDecision
{
    public sealed record Refused(Refusal Refusal) : BatchDecision;

    /// <param name="At">When it happened.</param>
    /// <param name="AuditAction">The audit entry's action.</param>
    /// <param name="Approval">The approval levels with the caller's approval recorded, to store.</param>
    /// <param name="Move">The header's move and its items' after it, if any.</param>
    /// <param name="QueueForSigning">Fully approved: outbox row now, sign message once its items are approved.</param>
    public sealed record Accepted(DateTimeOffset At, string AuditAction, IReadOnlyList<RequiredLevel>? Approval = null, BatchMove? Move = null,
        bool QueueForSigning = false) : BatchDecision;
}
