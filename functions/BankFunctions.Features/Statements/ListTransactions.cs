using System.Globalization;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// GET /v1/accounts/{id}/transactions?from&amp;to&amp;matched&amp;cursor&amp;limit (viewer): stored entries, newest
/// booking day first (a forward range scan: row keys invert the date). <c>matched=false</c> lists the entries
/// reconciliation could not tie to a payment.
/// </summary>
public sealed class ListTransactions(StorageClients storage, AccountCache accounts) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<TransactionView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Day(context, "from", errors);
        var to = Day(context, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["must not be after 'to'."];
        }
        var matchedText = context.Request.Query["matched"].ToString();
        if (matchedText.Length > 0 && matchedText is not ("true" or "false"))
        {
            errors["matched"] = ["must be true or false."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var partition = (await TenantAccount.FromRouteAsync(context, accounts, cancellationToken)).Partition;
        var lower = to is { } t ? TableKeys.StatementDayStart(t) : TableKeys.EntryPrefix;
        // Days sort inverted: the day before 'from' starts right after the last key of 'from'.
        var upper = from is { } f ? TableKeys.StatementDayStart(f.AddDays(-1)) : TableKeys.EntryPrefix[..^1] + (char)(TableKeys.EntryPrefix[^1] + 1);
        var filter = $"PartitionKey eq '{TableKeys.Escape(partition)}' and RowKey ge '{TableKeys.Escape(lower)}' and RowKey lt '{TableKeys.Escape(upper)}'";
        if (matchedText.Length > 0)
        {
            filter += $" and Matched eq {matchedText}";
        }
        var (items, next) = await TablePages.ReadAsync<StatementEntryRow>(storage, filter, Cursor.Decode(context), Cursor.Limit(context), cancellationToken, TableNames.Statements);
        return Results.Json(new Response(items.Select(TransactionView.From).ToList(), Cursor.Encode(next)), ApiJson.Options);
    }

    internal static DateOnly? Day(HttpContext context, string name, Dictionary<string, string[]> errors)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1900)
        {
            return day;
        }
        errors[name] = ["must be a date, yyyy-MM-dd."];
        return null;
    }
}
