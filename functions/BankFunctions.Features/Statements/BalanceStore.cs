using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>One balance as reported: booked or available, its value date, when we learnt it and from what.</summary>
public sealed record ReportedBalance(bool Booked, decimal Value, DateOnly Date, DateTimeOffset AsOf, string Source);

/// <summary>
/// Keeps the latest booked and available balance of an account, each with its own date, as-of time and source. A
/// report replaces a stored balance only when it is for a later day, or the same day and learnt later — so
/// yesterday's final statement pulled after this morning's intraday report does not move the balance back — and a
/// balance older than the newest one shown (of either kind) is never taken: a 2014 statement's available balance is
/// history, not where the account stands beside today's booked balance. Balances in another currency than the
/// account's are never taken (imports refuse such files; a pull skips them). ETag-guarded: on 412 the row is read
/// and compared again. A change commits with its <c>balance.updated</c> event (the balances as GET …/balances shows
/// them, <see cref="Events.AccountEvents"/>) in one transaction when a value or its day moved; a report that only
/// refreshes the as-of time (the same statement pulled again) writes no event.
/// </summary>
public sealed class BalanceStore(StorageClients storage, TimeProvider clock)
{
    /// <summary>camt booked types (closing, intraday) and MT940 closing tags; the CMB running balance after the last entry.</summary>
    private static readonly HashSet<string> BookedTypes = ["CLBD", "ITBD", "62F", "62M", "derived-closing"];
    /// <summary>camt closing/intraday available and MT940 :64:.</summary>
    private static readonly HashSet<string> AvailableTypes = ["CLAV", "ITAV", "64"];

    /// <summary>The balances a statement reports that say where the account stands (closing and intraday, not opening or forward).</summary>
    public static IEnumerable<ReportedBalance> From(Statement statement, string accountCurrency, DateTimeOffset asOf, string source)
    {
        foreach (var balance in statement.Balances.Append(statement.ClosingBalance).OfType<StatementBalance>().DistinctBy(b => (b.Type, b.Date, b.Value)))
        {
            var date = balance.Date ?? ParseDate(statement.To);
            var currency = balance.Currency ?? statement.Currency;
            if (date is null || (currency is not null && !string.Equals(currency.Trim(), accountCurrency, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (BookedTypes.Contains(balance.Type))
            {
                yield return new ReportedBalance(true, balance.Value, date.Value, asOf, source);
            }
            else if (AvailableTypes.Contains(balance.Type))
            {
                yield return new ReportedBalance(false, balance.Value, date.Value, asOf, source);
            }
        }
    }

    public async Task ApplyAsync(string partition, string currency, IReadOnlyList<ReportedBalance> balances, CancellationToken cancellationToken)
    {
        if (balances.Count == 0)
        {
            return;
        }
        var table = storage.Table(TableNames.Statements);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<AccountBalanceRow>(partition, TableKeys.AccountBalanceRow, cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value! : new AccountBalanceRow { PartitionKey = partition, RowKey = TableKeys.AccountBalanceRow, Currency = currency };
            var before = (row.Booked, row.BookedDate, row.Available, row.AvailableDate);
            var changed = false;
            foreach (var b in balances)
            {
                changed |= Take(row, b);
            }
            if (!changed)
            {
                return;
            }
            var actions = new List<TableTransactionAction>
            {
                found.HasValue ? new(TableTransactionActionType.UpdateReplace, row, row.ETag) : new(TableTransactionActionType.Add, row),
            };
            // A repeated report refreshes the as-of time only: the balance did not move, so no event.
            if (before != (row.Booked, row.BookedDate, row.Available, row.AvailableDate))
            {
                var view = BalancesView.From(Events.AccountEvents.AccountId(partition), currency, row, await BalancesView.FeedsAsync(table, partition, cancellationToken));
                actions.Add(new(TableTransactionActionType.Add, Events.AccountEvents.PendingRow(partition, [Events.AccountEvents.Balance(view)], clock.GetUtcNow())));
            }
            try
            {
                await table.SubmitCheckedAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another pull wrote balances meanwhile: compare against what is there now.
            }
        }
    }

    /// <summary>Takes <paramref name="b"/> into the row when it is newer than what the row shows (false: row unchanged). Pure.</summary>
    public static bool Take(AccountBalanceRow row, ReportedBalance b) => b.Booked ? TakeBooked(row, b) : TakeAvailable(row, b);

    private static bool TakeBooked(AccountBalanceRow row, ReportedBalance b)
    {
        if (!Newer(row.BookedDate, row.BookedAsOf, b) || OlderThanShown(row, b))
        {
            return false;
        }
        (row.Booked, row.BookedDate, row.BookedAsOf, row.BookedSource) = (Text(b.Value), Day(b.Date), b.AsOf, b.Source);
        return true;
    }

    private static bool TakeAvailable(AccountBalanceRow row, ReportedBalance b)
    {
        if (!Newer(row.AvailableDate, row.AvailableAsOf, b) || OlderThanShown(row, b))
        {
            return false;
        }
        (row.Available, row.AvailableDate, row.AvailableAsOf, row.AvailableSource) = (Text(b.Value), Day(b.Date), b.AsOf, b.Source);
        return true;
    }

    private static bool Newer(string? storedDate, DateTimeOffset? storedAsOf, ReportedBalance b)
    {
        var stored = ParseDate(storedDate);
        return stored is null || b.Date > stored || (b.Date == stored && b.AsOf >= (storedAsOf ?? DateTimeOffset.MinValue));
    }

    /// <summary>Before the newest day either balance is shown for.</summary>
    public static bool OlderThanShown(AccountBalanceRow row, ReportedBalance b) =>
        new[] { ParseDate(row.BookedDate), ParseDate(row.AvailableDate) }.Max() is { } newest && b.Date < newest;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
