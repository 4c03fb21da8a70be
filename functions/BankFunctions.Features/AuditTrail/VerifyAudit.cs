using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.AuditTrail;

/// <summary>GET /v1/audit/verify (admin): recomputes every audit row's seal and lists the rows that fail.</summary>
public sealed class VerifyAudit(StorageClients storage, AuditSeal seal) : IHttpHandler
{
    public sealed record Response(bool Valid, int Checked, IReadOnlyList<string> Invalid);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var invalid = new List<string>();
        var count = 0;
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AuditRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.AuditPrefix), cancellationToken: cancellationToken))
        {
            count++;
            if (!seal.Verify(row))
            {
                invalid.Add(row.AuditId);
            }
        }
        return Results.Json(new Response(invalid.Count == 0, count, invalid), ApiJson.Options);
    }
}
