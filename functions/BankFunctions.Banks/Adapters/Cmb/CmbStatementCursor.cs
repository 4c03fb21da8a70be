using System.Globalization;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// The DCTRSINF feed's stored cursor, opaque to the host: "yyyy-MM-dd", the first day not yet complete, or
/// "yyyy-MM-dd|ctnkey", today and the continuation key where today's last pull ended (the bank appends to the day).
/// </summary>
internal static class CmbStatementCursor
{
    public static (DateOnly? Day, string? Page) Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length < 10
            || !DateOnly.TryParseExact(cursor[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, null);
        }
        return (day, cursor.Length > 11 ? cursor[11..] : null);
    }

    public static string Format(DateOnly day, string? page = null) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (page is null ? "" : "|" + page);

    /// <summary>
    /// Where a pull reads from and with which continuation key. Within today it resumes at the page where the last
    /// pull ended; a range that starts earlier is read from its first page (page keys belong to the range they were
    /// issued for). <paramref name="page"/>: the key of the previous chunk of this pull.
    /// </summary>
    public static (DateOnly From, string? Key) Start(FetchStatementsRequest request)
    {
        var (day, storedPage) = Parse(request.Cursor);
        var from = day ?? request.From;
        return (from, request.Page ?? (from == request.To ? storedPage : null));
    }

    /// <summary>
    /// The cursor to store after a chunk read from <paramref name="from"/> with <paramref name="key"/>: within today,
    /// today and the key to resume at; a range read to its end, the first day the bank may still add to; a range
    /// with more pages, the stored cursor unchanged (its pages are read on in this pull, and from the first if it stops).
    /// </summary>
    public static string? Next(FetchStatementsRequest request, DateOnly from, string? key, string? nextKey) =>
        from == request.To ? Format(request.To, nextKey ?? key)
        : nextKey is null ? Format(request.FirstOpenDay ?? request.To)
        : request.Cursor;
}
