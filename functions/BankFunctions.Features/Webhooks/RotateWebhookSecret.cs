using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// POST /v1/webhook-endpoints/{id}/rotate-secret (admin): a new secret, shown in this answer only. The old one stays
/// valid for <see cref="Overlap"/> (24 h): deliveries carry both signatures meanwhile, so the receiver can switch without
/// losing one. A second rotation within the 24 hours drops the oldest secret. ETag-guarded with its audit row (which
/// holds no secret).
/// </summary>
public sealed class RotateWebhookSecret(StorageClients storage, WebhookEndpointStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Webhook endpoint '{id}'");
            }
            var now = clock.GetUtcNow();
            var before = WebhookEndpointView.From(row, now);
            row.PreviousSecret = row.Secret;
            row.PreviousSecretExpiresAt = now + Overlap;
            row.Secret = WebhookSignature.NewSecret();
            row.UpdatedAt = now;
            var after = WebhookEndpointView.From(row, now);
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, row, row.ETag),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.secret_rotated", id, before, after, now)),
                ], cancellationToken);
                return Results.Json(after with { Secret = row.Secret }, ApiJson.Options);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                // Changed meanwhile: rotate what it is now.
            }
        }
    }
}
