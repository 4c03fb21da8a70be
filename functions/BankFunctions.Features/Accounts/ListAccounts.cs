using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Accounts;

/// <summary>GET /v1/accounts (viewer).</summary>
public sealed class ListAccounts(StorageClients storage) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<AccountView> Items);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var items = new List<AccountView>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AccountRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.AccountPrefix), cancellationToken: cancellationToken))
        {
            if (caller.MaySee(row.AccountId))
            {
                items.Add(AccountView.From(row));
            }
        }
        return Results.Json(new Response(items), ApiJson.Options);
    }
}
