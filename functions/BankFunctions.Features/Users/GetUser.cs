using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Users;

/// <summary>GET /v1/users/{id} (admin).</summary>
public sealed class GetUser(UserStore users) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "User");
        var row = await users.FindAsync(context.Caller().RequireTenant(), id, cancellationToken);
        return row is null ? Problem.NotFound($"User '{id}'") : Results.Json(UserView.From(row), ApiJson.Options);
    }
}
