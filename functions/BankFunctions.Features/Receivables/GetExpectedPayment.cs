using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receivables;

/// <summary>GET /v1/expected-payments/{id} (viewer), with what settled it. Another tenant's is a 404.</summary>
public sealed class GetExpectedPayment(ExpectedPaymentStore store) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Expected payment");
        var row = await store.FindAsync(context.Caller().RequireTenant(), id, cancellationToken);
        return row is null ? Problem.NotFound($"Expected payment '{id}'") : Results.Json(ExpectedPaymentView.From(row), ApiJson.Options);
    }
}
