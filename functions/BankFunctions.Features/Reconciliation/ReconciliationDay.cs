using System.Globalization;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Reconciliation;

/// <summary>How many entries of a kind and their signed sum (a decimal string with the currency's minor units).</summary>
public sealed record EntryTally(int Count, string Sum);

/// <summary>
/// One day of GET /v1/accounts/{id}/reconciliation. <c>openingBooked</c>/<c>closingBooked</c>: the day's final statement
/// balances (absent when no statement of the day was ingested). <c>matched</c>: booked entries tied to our payments or
/// settling expected payments; <c>unmatched</c>: the other booked entries; <c>pending</c>: entries not yet booked.
/// <c>unexplained</c>: closing − opening − booked entries, when both balances are known (0: the stored entries explain the day).
/// </summary>
public sealed record ReconciliationDay(
    string Date, string? OpeningBooked, string? ClosingBooked, EntryTally Matched, EntryTally Unmatched, EntryTally Pending, string? Unexplained,
    string? OpeningSource, string? ClosingSource);

/// <summary>GET /v1/accounts/{id}/reconciliation as JSON: the window and one item per day, oldest first.</summary>
public sealed record ReconciliationReport(string AccountId, string Currency, string From, string To, IReadOnlyList<ReconciliationDay> Days);

/// <summary>One entry as the per-day aggregation sees it.</summary>
public readonly record struct TalliedEntry(decimal Amount, bool Pending, bool Matched)
{
    /// <param name="settled">The entry settled expected payments (its settlement guard exists).</param>
    public static TalliedEntry From(StatementEntryRow row, bool settled) => new(
        decimal.Parse(row.Amount, NumberStyles.Number, CultureInfo.InvariantCulture), row.Status == EntryStatus.Pending, row.Matched || settled);
}

/// <summary>Adds up one day's entries and closes the day against its statement balances. Pure.</summary>
public sealed class DayTally(DateOnly day)
{
    private int _matched, _unmatched, _pending;
    private decimal _matchedSum, _unmatchedSum, _pendingSum;

    public DateOnly Day { get; } = day;

    public void Add(TalliedEntry entry)
    {
        if (entry.Pending)
        {
            (_pending, _pendingSum) = (_pending + 1, _pendingSum + entry.Amount);
        }
        else if (entry.Matched)
        {
            (_matched, _matchedSum) = (_matched + 1, _matchedSum + entry.Amount);
        }
        else
        {
            (_unmatched, _unmatchedSum) = (_unmatched + 1, _unmatchedSum + entry.Amount);
        }
    }

    /// <param name="minorUnits">The account currency's ISO 4217 minor units (sums are written with exactly these).</param>
    public ReconciliationDay Close(decimal? opening, decimal? closing, int minorUnits, string? openingSource = null, string? closingSource = null)
    {
        string Text(decimal value) => value.ToString("F" + minorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var unexplained = opening is { } o && closing is { } c ? Text(c - o - _matchedSum - _unmatchedSum) : null;
        return new ReconciliationDay(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            opening is { } ob ? Text(ob) : null, closing is { } cb ? Text(cb) : null,
            new EntryTally(_matched, Text(_matchedSum)), new EntryTally(_unmatched, Text(_unmatchedSum)), new EntryTally(_pending, Text(_pendingSum)),
            unexplained, opening is null ? null : openingSource, closing is null ? null : closingSource);
    }
}
