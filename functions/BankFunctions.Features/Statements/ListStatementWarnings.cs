using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// GET /v1/accounts/{id}/statement-warnings (viewer): statements that break the balance invariant, gaps in statement
/// sequence numbers, entries whose amount contradicts our payment, pulls that keep failing — newest first.
/// </summary>
public sealed class ListStatementWarnings(StorageClients storage, AccountCache accounts) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<WarningView> Items);

    /// <summary>Warnings are few per account; more than this is shown as the newest this many.</summary>
    private const int MaxShown = 500;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var partition = (await TenantAccount.FromRouteAsync(context, accounts, cancellationToken)).Partition;
        var items = new List<WarningView>();
        await foreach (var row in storage.Table(TableNames.Statements).QueryAsync<StatementWarningRow>(
            TableKeys.PrefixFilter(partition, TableKeys.WarningPrefix), cancellationToken: cancellationToken))
        {
            items.Add(new WarningView(row.Code, row.Message, row.StatementId, row.RaisedAt));
        }
        return Results.Json(new Response(items.OrderByDescending(w => w.RaisedAt).Take(MaxShown).ToList()), ApiJson.Options);
    }
}
