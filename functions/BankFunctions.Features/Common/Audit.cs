using System.Diagnostics;
using System.Text.Json;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features;

/// <summary>Builds the audit row that goes into the same transaction as the change it records.</summary>
public static class Audit
{
    private static AuditTrail.AuditSeal? _seal;

    /// <summary>Set once at start from configuration (the seal key is process-wide).</summary>
    public static void UseSeal(AuditTrail.AuditSeal seal) => _seal = seal;

    public static AuditRow Row(string tenantId, Caller caller, string action, string subject, object? before, object? after, DateTimeOffset now)
    {
        var id = Ids.New("", now);
        var row = new AuditRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.AuditRow(id),
            AuditId = id,
            At = now,
            Actor = caller.Actor,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, ApiJson.Options),
            After = after is null ? null : JsonSerializer.Serialize(after, ApiJson.Options),
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        row.Seal = (_seal ?? throw new InvalidOperationException("Audit seal not configured.")).Compute(row);
        return row;
    }
}
