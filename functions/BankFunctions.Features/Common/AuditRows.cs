using System.Diagnostics;
using System.Text.Json;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features;

/// <summary>
/// Builds the audit row that goes into the same transaction as the change it records, sealed with the
/// <see cref="AuditTrail.AuditSeal"/> it is given (one singleton from configuration; tests give their own key).
/// The audit row also carries the change's tenant events (issue #14, <see cref="Events.EventTypes"/>) as its
/// <see cref="AuditRow.Companion"/>, so every transaction that commits an audited change commits its events with it,
/// and, once committed, nudges the sequencer (<paramref name="nudge"/>; none in unit tests, where the sweep would).
/// </summary>
public sealed class AuditRows(AuditTrail.AuditSeal seal, Events.EventNudge? nudge = null)
{
    /// <summary>Actor of the changes the stages make on their own (issue #20 §2): "system:" + the function's name.</summary>
    public static string SystemActor(string function) => "system:" + function;

    /// <summary>The audit row of a caller's change, with the caller's actor.</summary>
    public AuditRow Row(string tenantId, Caller caller, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(tenantId, caller.Actor, action, subject, before, after, now, caller.ActorName);

    /// <summary>The audit row of a change a stage (queue or timer function) makes, with actor <see cref="SystemActor"/>.</summary>
    public AuditRow SystemRow(string tenantId, string function, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(tenantId, SystemActor(function), action, subject, before, after, now);

    /// <summary>
    /// Moves the events of several audit rows of one transaction onto the first of them, so the transaction carries one
    /// events row, not one per audit row (a manual match completing 40 payments stays within 100 entities).
    /// </summary>
    public static void MergeEvents(IEnumerable<AuditRow> rows)
    {
        var carrying = rows.Where(r => r.Companion is PendingEventRow).ToList();
        if (carrying.Count < 2)
        {
            return;
        }
        var first = carrying[0];
        var events = carrying.SelectMany(r => Events.EventRows.Read((PendingEventRow)r.Companion!)).ToList();
        first.Companion = Events.EventRows.PendingRow(first.PartitionKey, first.AuditId, events, first.At);
        foreach (var other in carrying.Skip(1))
        {
            other.Companion = null;
            other.AfterCommit = null;
        }
    }

    private AuditRow Row(string tenantId, string actor, string action, string subject, object? before, object? after, DateTimeOffset now, string? actorName = null)
    {
        var id = TimeOrderedId.New("", now);
        var row = new AuditRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.AuditRow(id),
            AuditId = id,
            At = now,
            Actor = actor,
            ActorName = actorName,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, ApiJson.Options),
            After = after is null ? null : JsonSerializer.Serialize(after, ApiJson.Options),
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        row.Seal = seal.Compute(row);
        return WithEvents(row, Events.EventTypes.FromAudit(action, actor.StartsWith("system:", StringComparison.Ordinal), before, after));
    }

    /// <summary>Attaches <paramref name="drafts"/> (when there are any) as the events that commit with <paramref name="row"/>.</summary>
    public AuditRow WithEvents(AuditRow row, IReadOnlyList<Events.EventDraft> drafts)
    {
        if (drafts.Count == 0)
        {
            return row;
        }
        var tenantId = row.PartitionKey;
        row.Companion = Events.EventRows.PendingRow(tenantId, row.AuditId, drafts, row.At);
        if (nudge is not null)
        {
            row.AfterCommit = cancellationToken => nudge.SendAsync(tenantId, cancellationToken);
        }
        return row;
    }
}
