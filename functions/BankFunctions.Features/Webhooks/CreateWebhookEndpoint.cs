using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// POST /v1/webhook-endpoints (admin): registers where the tenant's events go. The signing secret is generated here and
/// shown in this answer only. Deliveries start with the events numbered after this moment (earlier ones are in the feed).
/// One transaction: the endpoint, its delivery state and the audit row.
/// </summary>
public sealed class CreateWebhookEndpoint(StorageClients storage, WebhookEndpointStore store, WebhookOptions options, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public const string LocationPrefix = "/v1/webhook-endpoints/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var input = await JsonBody.ReadAsync<WebhookEndpointInput>(context, cancellationToken);
        var now = clock.GetUtcNow();
        var id = WebhookEndpointId.New(now).Value;
        var row = new WebhookEndpointRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.WebhookEndpointRow(id),
            EndpointId = id,
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        WebhookEndpointRules.Apply(row, input, creating: true, options.AllowLoopback, now);
        if ((await store.ListAsync(tenantId, cancellationToken)).Count >= options.MaxEndpointsPerTenant)
        {
            return Problem.InvalidState($"A tenant has at most {options.MaxEndpointsPerTenant} webhook endpoints; delete one first.");
        }
        var state = new WebhookStateRow
        {
            PartitionKey = row.PartitionKey,
            RowKey = TableKeys.WebhookStateRow(id),
            Cursor = await store.LastSequenceAsync(tenantId, cancellationToken),
        };
        var view = WebhookEndpointView.From(row, now);
        await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
        [
            new(TableTransactionActionType.Add, row),
            new(TableTransactionActionType.Add, state),
            new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.created", id, null, view, now)),
        ], cancellationToken);
        context.Response.Headers.Location = LocationPrefix + id;
        return Results.Json(view with { Secret = row.Secret }, ApiJson.Options, statusCode: 201);
    }
}
