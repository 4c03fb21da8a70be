using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Auth;

/// <summary>GET /v1/me (any tenant caller): who is calling — the console's first request, and where it gets its CSRF token.</summary>
public sealed class GetMe : IHttpHandler
{
    /// <param name="Kind">user (a signed-in person) or key.</param>
    /// <param name="DisplayName">A person's name, or the key's name.</param>
    /// <param name="AccountIds">The accounts a person is limited to; null: every account.</param>
    /// <param name="CsrfToken">A session's token, to send as X-CSRF-Token on every state-changing request; null for a key.</param>
    public sealed record Response(string TenantId, string Kind, string Id, string DisplayName, IReadOnlyList<string> Roles,
        IReadOnlyList<string> ApprovalGroups, IReadOnlyList<string>? AccountIds, string? CsrfToken);

    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var person = caller.Person;
        var response = new Response(caller.RequireTenant(), person is null ? "key" : "user", caller.Actor, person?.DisplayName ?? caller.KeyName ?? caller.Actor,
            Roles.ToNames(caller.Roles), caller.ApprovalGroups ?? [], person?.AccountIds, person?.CsrfToken);
        return Task.FromResult(Results.Json(response, ApiJson.Options));
    }
}
