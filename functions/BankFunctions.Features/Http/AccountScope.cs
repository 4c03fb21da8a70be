using BankFunctions.Features.Auth;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>
/// The account scope of a person (issue #15), for whole routes, in one place:
/// <list type="bullet">
/// <item>under <c>v1/accounts/{id}</c>, an account outside the scope is a 404, as if it did not exist;</item>
/// <item>routes whose answers span every account of the tenant (the event feed, audit trail, multi-account statement
/// import, expected payments, webhooks) are refused (403) to a limited person — filtering them would be a second
/// copy of each rule.</item>
/// </list>
/// Routes that reach an account through a payment, batch or list check it where they read the row
/// (PaymentStore.FindForAsync, PaymentActionRunner, the list handlers).
/// </summary>
public static class AccountScope
{
    private const string AccountRoute = "v1/accounts/{id}";

    private static readonly string[] TenantWideRoutes = ["v1/events", "v1/audit", "v1/statements", "v1/expected-payments", "v1/webhook-endpoints"];

    public static IResult? Hides(HttpTrigger trigger, HttpContext context, Caller caller)
    {
        if (!caller.IsAccountScoped)
        {
            return null;
        }
        if (trigger.Route.StartsWith(AccountRoute, StringComparison.Ordinal) && context.Request.RouteValues["id"] is string accountId && !caller.MaySee(accountId))
        {
            return Problem.NotFound($"Account '{accountId}'");
        }
        return TenantWideRoutes.Any(r => trigger.Route == r || trigger.Route.StartsWith(r + "/", StringComparison.Ordinal))
            ? Problem.NotAllowed("Not available to a person limited to some accounts.",
                "This route covers every account of the tenant; ask an admin without an account scope, or for your scope to be lifted.")
            : null;
    }
}
