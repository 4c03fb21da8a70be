using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>GET /v1/accounts/{id}/balances (viewer): the latest booked/available balance with as-of time and source.</summary>
public sealed class GetBalances(StorageClients storage, AccountCache accounts) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var target = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var account = target.Account;
        var partition = target.Partition;
        var table = storage.Table(TableNames.Statements);
        var found = await table.GetEntityIfExistsAsync<AccountBalanceRow>(partition, TableKeys.AccountBalanceRow, cancellationToken: cancellationToken);
        var feeds = await BalancesView.FeedsAsync(table, partition, cancellationToken);
        return Results.Json(BalancesView.From(account.AccountId, account.Currency, found.HasValue ? found.Value! : null, feeds), ApiJson.Options);
    }
}
