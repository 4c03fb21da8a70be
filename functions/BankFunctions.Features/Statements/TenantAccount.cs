using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>The caller's account named by the route's {id}, and its statement partition; another tenant's account is a 404.</summary>
public sealed record TenantAccount(string TenantId, AccountRow Account)
{
    public string Partition => TableKeys.StatementPartition(TenantId, Account.AccountId);

    /// <summary>Throws a 404 problem when the caller's tenant has no such account.</summary>
    public static async Task<TenantAccount> FromRouteAsync(HttpContext context, AccountCache accounts, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var id = RouteValues.Id(context, "id", "Account");
        var account = await accounts.FindAsync(tenantId, id, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound($"Account '{id}'"));
        return new TenantAccount(tenantId, account);
    }
}
