using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>GET /v1/payments/{id} (viewer). Another tenant's payment is a 404.</summary>
public sealed class GetPayment(PaymentStore payments, Dispatch.BankFileStore files) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Payment");
        var tenantId = context.Caller().RequireTenant();
        var row = await payments.FindForAsync(context.Caller(), id, cancellationToken);
        if (row is null)
        {
            return Problem.NotFound($"Payment '{id}'");
        }
        var batch = row.BatchId is { } batchId ? await payments.FindBatchAsync(tenantId, batchId, cancellationToken) : null;
        // A payment on its way to or at the bank shows its file's wait while the bank is unavailable.
        var file = row.FileId is { } fileId && PaymentTransitions.StatusOf(row) is PaymentStatus.Signing or PaymentStatus.Sent or PaymentStatus.Accepted
            ? await files.FindAsync(tenantId, fileId, cancellationToken)
            : null;
        return Results.Json(PaymentView.From(row, batch).WithWait(file), ApiJson.Options);
    }
}
