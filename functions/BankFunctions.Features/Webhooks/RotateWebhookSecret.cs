using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// POST /v1/webhook-endpoints/{id}/rotate-secret (admin): a new secret, shown in this answer only. The old one stays
/// valid for <see cref="Overlap"/> (24 h): deliveries carry both signatures meanwhile, so the receiver can switch without
/// losing one. A second rotation within the 24 hours drops the oldest secret. ETag-guarded with its audit row (which
/// holds no secret).
/// </summary>
public sealed class RotateWebhookSecret(WebhookEndpointStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var rotated = await store.ChangeAsync(tenantId, id, (row, _) =>
        {
            var now = clock.GetUtcNow();
            var before = WebhookEndpointView.From(row, now);
            row.PreviousSecret = row.Secret;
            row.PreviousSecretExpiresAt = now + Overlap;
            row.Secret = WebhookSignature.NewSecret();
            row.UpdatedAt = now;
            var after = WebhookEndpointView.From(row, now);
            return new WebhookEndpointChange<WebhookEndpointView>(
            [
                new(TableTransactionActionType.UpdateReplace, row, row.ETag),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.secret_rotated", id, before, after, now)),
            ], after with { Secret = row.Secret });
        }, cancellationToken);
        return rotated is null ? Problem.NotFound($"Webhook endpoint '{id}'") : Results.Json(rotated, ApiJson.Options);
    }
}
