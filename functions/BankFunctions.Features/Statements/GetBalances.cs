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
        var feeds = new List<FeedView>();
        await foreach (var state in table.QueryAsync<PullStateRow>(TableKeys.PrefixFilter(partition, TableKeys.PullStateRow("")), cancellationToken: cancellationToken))
        {
            feeds.Add(new FeedView(state.Feed, state.Cursor, state.LastSuccessAt, state.LastAttemptAt, state.LastError));
        }
        var row = found.HasValue ? found.Value! : null;
        return Results.Json(new BalancesView(account.AccountId, account.Currency,
            row?.Booked is { } booked ? new BalanceView(booked, row.BookedDate, row.BookedAsOf, row.BookedSource) : null,
            row?.Available is { } available ? new BalanceView(available, row.AvailableDate, row.AvailableAsOf, row.AvailableSource) : null,
            feeds), ApiJson.Options);
    }
}
