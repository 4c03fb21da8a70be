using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// GET /v1/payments/{id}/attention (admin) and GET /v1/admin/tenants/{tenantId}/payments/{id}/attention (operator):
/// what a person needs to resolve a payment in needs_attention (<see cref="AttentionView"/>). Shown in any status.
/// </summary>
public sealed class GetAttention(StorageClients storage, PaymentStore payments, BankFileStore files) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = await AttentionRoute.TenantAsync(context, storage, cancellationToken);
        var id = RouteValues.Id(context, "id", "Payment");
        if (await payments.FindAsync(tenantId, id, cancellationToken) is not { } row || !context.Caller().MaySee(row.DebtorAccountId))
        {
            return Problem.NotFound($"Payment '{id}'");
        }
        var file = row.FileId is { } fileId ? await files.FindAsync(tenantId, fileId, cancellationToken) : null;
        var filePayments = file is null ? [] : await files.PaymentsAsync(file, cancellationToken);
        return Results.Json(AttentionView.From(row, file, filePayments), ApiJson.Options);
    }
}
