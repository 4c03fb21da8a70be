using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>GET /v1/counterparties/{id} (viewer), with its accounts and their approval state. Another tenant's is a 404.</summary>
public sealed class GetCounterparty(CounterpartyStore store) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Counterparty");
        var row = await store.FindAsync(context.Caller().RequireTenant(), id, cancellationToken);
        return row is null ? Problem.NotFound($"Counterparty '{id}'") : Results.Json(CounterpartyStore.View(row), ApiJson.Options);
    }
}
