using BankFunctions.Banks.Adapters.Cmb;
using Xunit;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>
/// The DCTRSINF cursor the CMB adapter hands the host to store: the first day not yet complete, or today and the
/// page where today's last pull ended. The formats are the ones stored before the cursor moved into the adapter.
/// </summary>
public sealed class CmbStatementCursorTests
{
    private static readonly DateOnly Start = new(2026, 11, 14);
    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly DateOnly Settled = new(2026, 11, 21);

    private static FetchStatementsRequest Request(string? cursor, string? page = null, DateOnly? settled = null) =>
        new(new BankConnection("UID"), "755915678910101", Start, Today, cursor, page, settled ?? Settled);

    [Theory]
    [InlineData(null, "2026-11-14", null)]
    [InlineData("2026-11-18", "2026-11-18", null)]
    // A page key of an earlier day belongs to that day's range: the range is read from its first page.
    [InlineData("2026-11-18|P7", "2026-11-18", null)]
    [InlineData("2026-11-21", "2026-11-21", null)]
    [InlineData("2026-11-21|P7", "2026-11-21", "P7")]
    [InlineData("garbage", "2026-11-14", null)]
    public void A_pull_starts_at_the_stored_day_and_resumes_todays_page(string? cursor, string from, string? key)
    {
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), key), CmbStatementCursor.Start(Request(cursor)));
    }

    [Fact]
    public void Within_a_pull_the_previous_chunks_page_is_read_next()
    {
        Assert.Equal((Start, "P2"), CmbStatementCursor.Start(Request(null, "P2")));
        Assert.Equal((Today, "P3"), CmbStatementCursor.Start(Request("2026-11-21|P2", "P3")));
    }

    [Theory]
    // Within today: today and the page to resume at (the last one read when the bank had no more).
    [InlineData("2026-11-21", "2026-11-21", null, "P2", "2026-11-21|P2")]
    [InlineData("2026-11-21|P2", "2026-11-21", "P2", null, "2026-11-21|P2")]
    [InlineData("2026-11-21", "2026-11-21", null, null, "2026-11-21")]
    // An earlier range read to its end: the first day the bank may still add to.
    [InlineData(null, "2026-11-14", null, null, "2026-11-21")]
    [InlineData("2026-11-18", "2026-11-18", "P4", null, "2026-11-21")]
    // An earlier range with more pages: the stored cursor stays until the range is read to its end.
    [InlineData(null, "2026-11-14", null, "P2", null)]
    [InlineData("2026-11-18", "2026-11-18", "P2", "P3", "2026-11-18")]
    public void After_a_chunk_the_cursor_to_store(string? cursor, string from, string? key, string? nextKey, string? stored)
    {
        var day = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(stored, CmbStatementCursor.Next(Request(cursor), day, key, nextKey));
    }

    [Fact]
    public void Just_after_midnight_a_range_read_to_its_end_stores_the_day_before()
    {
        Assert.Equal("2026-11-20", CmbStatementCursor.Next(Request(null, settled: new DateOnly(2026, 11, 20)), Start, null, null));
    }
}
