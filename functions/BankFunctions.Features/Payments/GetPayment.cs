using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>GET /v1/payments/{id} (viewer). Another tenant's payment is a 404.</summary>
public sealed class GetPayment(PaymentStore payments) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Payment");
        var row = await payments.FindAsync(context.Caller().RequireTenant(), id, cancellationToken);
        return row is null ? Problem.NotFound($"Payment '{id}'") : Results.Json(PaymentView.From(row), ApiJson.Options);
    }
}
