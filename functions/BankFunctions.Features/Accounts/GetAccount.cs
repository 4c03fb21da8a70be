using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Accounts;

/// <summary>GET /v1/accounts/{id} (viewer). Another tenant's account is a 404.</summary>
public sealed class GetAccount(StorageClients storage) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var id = RouteValues.Id(context, "id", "Account");
        var row = await AccountLookup.FindAsync(storage, tenantId, id, cancellationToken);
        return row is null ? Problem.NotFound($"Account '{id}'") : Results.Json(AccountView.From(row), ApiJson.Options);
    }
}

public static class AccountLookup
{
    public static async Task<AccountRow?> FindAsync(StorageClients storage, string tenantId, string accountId, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<AccountRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.AccountRow(accountId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
