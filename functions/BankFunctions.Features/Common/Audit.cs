using System.Diagnostics;
using System.Text.Json;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features;

/// <summary>Builds the audit row that goes into the same transaction as the change it records.</summary>
public static class Audit
{
    private static AuditTrail.AuditSeal? _seal;

    /// <summary>Set once at start from configuration (the seal key is process-wide).</summary>
    public static void UseSeal(AuditTrail.AuditSeal seal) => _seal = seal;

    /// <summary>Actor of the changes the stages make on their own (issue #20 §2): "system:" + the function's name.</summary>
    public static string SystemActor(string function) => "system:" + function;

    public static AuditRow Row(string tenantId, Caller caller, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(Seal, tenantId, caller.Actor, action, subject, before, after, now);

    /// <summary>The audit row of a caller's change, sealed with the <paramref name="seal"/> the caller was given (injected, not the process-wide one).</summary>
    public static AuditRow Row(AuditTrail.AuditSeal seal, string tenantId, Caller caller, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(seal, tenantId, caller.Actor, action, subject, before, after, now);

    /// <summary>The audit row of a change a stage (queue or timer function) makes, with actor <see cref="SystemActor"/>.</summary>
    public static AuditRow SystemRow(string tenantId, string function, string action, string subject, object? before, object? after, DateTimeOffset now) =>
        Row(Seal, tenantId, SystemActor(function), action, subject, before, after, now);

    private static AuditTrail.AuditSeal Seal => _seal ?? throw new InvalidOperationException("Audit seal not configured.");

    private static AuditRow Row(AuditTrail.AuditSeal seal, string tenantId, string actor, string action, string subject, object? before, object? after, DateTimeOffset now)
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
