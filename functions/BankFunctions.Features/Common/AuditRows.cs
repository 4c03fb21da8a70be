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
/// </summary>
public sealed class AuditRows(AuditTrail.AuditSeal seal)
{
    /// <summary>Actor of the changes the stages make on their own (issue #20 §2): "system:" + the function's name.</summary>
    public static string SystemActor(string function) => "system:" + function;

    /// <summary>The audit row of a caller's change, with the caller's actor.</summary>
    public AuditRow Row(string tenantId, Caller caller, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(tenantId, caller.Actor, action, subject, before, after, now);

    /// <summary>The audit row of a change a stage (queue or timer function) makes, with actor <see cref="SystemActor"/>.</summary>
    public AuditRow SystemRow(string tenantId, string function, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(tenantId, SystemActor(function), action, subject, before, after, now);

    private AuditRow Row(string tenantId, string actor, string action, string subject, object? before, object? after, DateTimeOffset now)
    {
        var id = TimeOrderedId.New("", now);
        var row = new AuditRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.AuditRow(id),
            AuditId = id,
            At = now,
            Actor = actor,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, ApiJson.Options),
            After = after is null ? null : JsonSerializer.Serialize(after, ApiJson.Options),
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        row.Seal = seal.Compute(row);
        return row;
    }
}
