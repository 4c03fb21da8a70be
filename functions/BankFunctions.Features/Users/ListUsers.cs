using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Users;

/// <summary>GET /v1/users (admin): the tenant's people, oldest first.</summary>
public sealed class ListUsers(UserStore users) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<UserView> Items);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json(new Response(await users.ListAsync(context.Caller().RequireTenant(), cancellationToken)), ApiJson.Options);
}
