using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.AuditTrail;

/// <summary>
/// GET /v1/audit/verify (admin): recomputes every audit row's seal and the hash chain from the first row, compares it with
/// each signed checkpoint and names the first broken link (AuditChainVerifier). Rows after the last checkpoint are only
/// seal-checked (<see cref="Response.Uncheckpointed"/>): a deletion among them shows once the chainer has passed them.
/// </summary>
public sealed class VerifyAudit(StorageClients storage, AuditSeal seal, AuditCheckpointStore checkpoints) : IHttpHandler
{
    public sealed record Response(bool Valid, int Checked, IReadOnlyList<string> Invalid, int Checkpoints, string? ChainedThrough, int Uncheckpointed,
        BrokenLink? FirstBrokenLink);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var verdict = await VerifyAsync(tenantId, cancellationToken);
        return Results.Json(new Response(verdict.Valid, verdict.Checked, verdict.Invalid, verdict.Checkpoints, verdict.ChainedThrough, verdict.Uncheckpointed,
            verdict.FirstBrokenLink), ApiJson.Options);
    }

    public async Task<AuditChainVerdict> VerifyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier(tenantId, await checkpoints.EvidenceAsync(tenantId, cancellationToken), seal.Verify);
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AuditRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.AuditPrefix), cancellationToken: cancellationToken))
        {
            verifier.Add(row);
        }
        return verifier.Finish();
    }
}
