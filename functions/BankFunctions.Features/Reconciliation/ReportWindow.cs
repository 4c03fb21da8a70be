using System.Globalization;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// The from/to days of the reconciliation report and the transactions export: both required, yyyy-MM-dd, from ≤ to, at
/// most <see cref="MaxDays"/> days (the routes read the window day by day). Pure apart from reading the query.
/// </summary>
public readonly record struct ReportWindow(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays);

    /// <summary>The window, or the field-level errors (each field named).</summary>
    public static ReportWindow? Parse(string? fromText, string? toText, Validation v)
    {
        var from = Day("from", fromText, v);
        var to = Day("to", toText, v);
        if (from is null || to is null)
        {
            return null;
        }
        if (from > to)
        {
            v.Add("from", "must not be after 'to'.");
            return null;
        }
        if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays)
        {
            v.Add("to", $"must be at most {MaxDays} days from 'from' counting both (asked: {to.Value.DayNumber - from.Value.DayNumber + 1}); ask for several windows.");
            return null;
        }
        return new ReportWindow(from.Value, to.Value);
    }

    /// <summary>Throws a 400 problem naming each bad field.</summary>
    public static ReportWindow FromQuery(HttpContext context, Validation v)
    {
        var window = Parse(context.Request.Query["from"].ToString(), context.Request.Query["to"].ToString(), v);
        v.ThrowIfInvalid();
        return window!.Value;
    }

    private static DateOnly? Day(string field, string? text, Validation v)
    {
        if (string.IsNullOrEmpty(text))
        {
            v.Add(field, "is required (yyyy-MM-dd).");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1900)
        {
            return day;
        }
        v.Add(field, "must be a date, yyyy-MM-dd.");
        return null;
    }
}
