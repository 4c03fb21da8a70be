using System.Globalization;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Reconciliation;

/// <summary>What one statement says about one day's booked balances (either may be absent), and where it came from.</summary>
public sealed record DayBalance(DateOnly Day, decimal? Opening, decimal? Closing, string Source, DateTimeOffset AsOf);

/// <summary>
/// The per-day booked balances of statements, and the rule that merges them into a <see cref="DayBalanceRow"/>. Pure.
/// <para>
/// Only final booked balances count: opening camt OPBD/PRCD or MT940 :60F:, closing camt CLBD or MT940 :62F:. Intraday
/// (ITBD), available, forward and intermediate (:60M:/:62M:, a page of a longer statement) balances do not say where a day
/// opened or closed; nor do CMB's derived balances, which run over a page of entries rather than a day. The closing
/// belongs to its own date (else the statement's end); the opening to the statement's first day — except MT940, whose
/// :60F: carries the date of the previous closing (SWIFT MT940 field 60a), so there it opens the closing's day.
/// </para>
/// </summary>
public static class DayBalances
{
    private static readonly HashSet<string> OpeningTypes = ["OPBD", "PRCD", "60F"];
    private static readonly HashSet<string> ClosingTypes = ["CLBD", "62F"];

    public static IEnumerable<DayBalance> From(Statement statement, string accountCurrency, DateTimeOffset asOf)
    {
        var all = statement.Balances.Append(statement.OpeningBalance).Append(statement.ClosingBalance).OfType<StatementBalance>()
            .Where(b => (b.Currency ?? statement.Currency) is not { } c || string.Equals(c.Trim(), accountCurrency, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var opening = all.FirstOrDefault(b => OpeningTypes.Contains(b.Type));
        var closing = all.FirstOrDefault(b => ClosingTypes.Contains(b.Type));
        var source = $"{statement.Kind} {statement.Id}".Trim();
        var closingDay = closing?.Date ?? ParseDate(statement.To);
        var openingDay = statement.Kind == StatementKinds.Mt940
            ? closingDay ?? opening?.Date
            : ParseDate(statement.From) ?? opening?.Date ?? closingDay;
        if (opening is not null && openingDay is { } od && closing is not null && closingDay is { } cd && od == cd)
        {
            yield return new DayBalance(od, opening.Value, closing.Value, source, asOf);
            yield break;
        }
        if (opening is not null && openingDay is { } o)
        {
            yield return new DayBalance(o, opening.Value, null, source, asOf);
        }
        if (closing is not null && closingDay is { } c2)
        {
            yield return new DayBalance(c2, null, closing.Value, source, asOf);
        }
    }

    /// <summary>
    /// Takes <paramref name="b"/> into the row (false: unchanged). A value replaces the stored one only when it differs
    /// and was learnt no earlier (a bank's corrected statement comes later); the same value again changes nothing, so
    /// ingesting a file twice writes once.
    /// </summary>
    public static bool Take(DayBalanceRow row, DayBalance b)
    {
        var changed = false;
        if (b.Opening is { } opening && Replaces(row.Opening, row.OpeningAsOf, opening, b.AsOf))
        {
            (row.Opening, row.OpeningSource, row.OpeningAsOf) = (Text(opening), b.Source, b.AsOf);
            changed = true;
        }
        if (b.Closing is { } closing && Replaces(row.Closing, row.ClosingAsOf, closing, b.AsOf))
        {
            (row.Closing, row.ClosingSource, row.ClosingAsOf) = (Text(closing), b.Source, b.AsOf);
            changed = true;
        }
        return changed;
    }

    private static bool Replaces(string? stored, DateTimeOffset? storedAsOf, decimal value, DateTimeOffset asOf) =>
        stored is null || (decimal.Parse(stored, NumberStyles.Number, CultureInfo.InvariantCulture) != value && asOf >= (storedAsOf ?? DateTimeOffset.MinValue));

    public static decimal? Value(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
