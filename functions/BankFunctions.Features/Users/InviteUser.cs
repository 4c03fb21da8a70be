using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Users;

/// <summary>POST /v1/users (admin): invite a person; they become active at their first sign-in with this email.</summary>
public sealed class InviteUser(UserStore users) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var invite = UserInput.Check(await JsonBody.ReadAsync<InviteUserRequest>(context, cancellationToken));
        var caller = context.Caller();
        var created = await users.InviteAsync(caller.RequireTenant(), caller, invite, cancellationToken);
        context.Response.Headers.Location = $"/v1/users/{created.Id}";
        return Results.Json(created, ApiJson.Options, statusCode: 201);
    }
}
