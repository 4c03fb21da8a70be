using System.Text.Json;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>How a person settles a needs_attention payment (issue #17).</summary>
public enum ResolutionOutcome
{
    Completed,
    Failed,
}

/// <summary>A "completed" resolution waiting for a second person (dual control); stored on the payment row.</summary>
public sealed record PendingResolution(ResolutionOutcome Outcome, string Reason, string Evidence, string By, DateTimeOffset At);

/// <summary>What the bank answered a status query a person asked for, as stored and shown.</summary>
/// <param name="Answer">found (the bank's report lists the payment), not_listed (its report of the file does not),
/// not_found (the bank has no such file), unavailable (no answer), refused (the bank refused the query).</param>
/// <param name="Status">The status the bank's answer means (found only).</param>
/// <param name="BankCode">The bank's own status or error code.</param>
/// <param name="IsoStatus">The ISO 20022 status code, where the bank gave one.</param>
/// <param name="Detail">The bank's reason or the failure's description.</param>
public sealed record BankAnswerView(string Answer, string? Status = null, string? BankCode = null, string? IsoStatus = null, string? Detail = null);

/// <summary>One thing a person did about a needs_attention payment (the bank's answer when they asked it).</summary>
/// <param name="Action">requeried, completion_proposed, resolved_failed, resolved_completed.</param>
public sealed record AttentionEntry(DateTimeOffset At, string By, string Action, string? Reason = null, string? Evidence = null, BankAnswerView? Bank = null);

/// <summary>
/// What people did about a payment in needs_attention: the resolution waiting for confirmation and the log. Shown on
/// the payment (<see cref="PaymentView.Attention"/>) once there is any, so the audit's before/after views carry it too.
/// </summary>
public sealed record PaymentAttention(PendingResolution? PendingResolution, IReadOnlyList<AttentionEntry> Log)
{
    /// <summary>
    /// Bounds the log so the row stays far below a string property's 32,768 characters: the oldest entries go first (the
    /// audit trail keeps every one).
    /// </summary>
    public const int MaxLogEntries = 20;

    public static PaymentAttention? From(PaymentRow row) => row.PendingResolution is null && row.AttentionLog is null
        ? null
        : new(ReadPending(row.PendingResolution), row.AttentionLog is { } log ? JsonSerializer.Deserialize<List<AttentionEntry>>(log, ApiJson.Options) ?? [] : []);

    public static PendingResolution? ReadPending(string? json) => json is null ? null : JsonSerializer.Deserialize<PendingResolution>(json, ApiJson.Options);

    /// <summary>Writes <paramref name="change"/> onto the row: its entry appended to the log, the pending resolution after it.</summary>
    public static void Apply(PaymentRow row, AttentionChange change)
    {
        var log = row.AttentionLog is { } json ? JsonSerializer.Deserialize<List<AttentionEntry>>(json, ApiJson.Options) ?? [] : [];
        log.Add(change.Entry);
        if (log.Count > MaxLogEntries)
        {
            log.RemoveRange(0, log.Count - MaxLogEntries);
        }
        row.AttentionLog = JsonSerializer.Serialize(log, ApiJson.Options);
        row.PendingResolution = change.PendingAfter is null ? null : JsonSerializer.Serialize(change.PendingAfter, ApiJson.Options);
    }
}

/// <summary>An effect of an attention decision: the log entry to add, and the pending resolution after it (null: none waits).</summary>
public sealed record AttentionChange(AttentionEntry Entry, PendingResolution? PendingAfter);

/// <summary>What kind of answer the bank gave a status query.</summary>
public enum BankAnswerKind
{
    Found,
    NotListed,
    NotFound,
    Unavailable,
    Refused,
}

/// <summary>The bank's answer about one payment, as the pure decision sees it (the status typed; the bank's codes verbatim).</summary>
public sealed record BankAnswer(BankAnswerKind Kind, PaymentStatus? Reported = null, string? BankCode = null, string? IsoCode = null, string? Detail = null)
{
    public BankAnswerView ToView() => new(Kind switch
    {
        BankAnswerKind.Found => "found",
        BankAnswerKind.NotListed => "not_listed",
        BankAnswerKind.NotFound => "not_found",
        BankAnswerKind.Unavailable => "unavailable",
        _ => "refused",
    }, Reported?.ToWire(), BankCode, IsoCode, Detail);
}
