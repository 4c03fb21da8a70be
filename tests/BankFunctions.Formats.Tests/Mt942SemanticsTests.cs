using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// MT942 per the SWIFT field specifications: :34F: floor limits, :13D: date/time indication, :90D:/:90C: totals,
/// entries reported as pending (the day's MT940/camt.053 books them).
/// </summary>
public sealed class Mt942SemanticsTests
{
    // Shaped like SWIFT's MT942 example (FIN envelope, one :34F: with amount 0 for both directions); written for this test.
    private const string Enveloped = """
        {1:F01BANKDEFFAXXX0000000000}{2:O9421530261205BANKBEBBAXXX00000000002612051530N}{4:
        :20:MT942REF0001
        :25:DE89370400440532013000
        :28C:7/1
        :34F:EUR0,
        :13D:2612051530+0100
        :61:2612051205D125,00NTRFE2E-4711//BANKREF-2026-12-05-0001
        :86:Invoice 4711
        :61:2612051205C40,50NTRFNONREF//BANKREF-2026-12-05-0002
        :86:Refund
        :90D:1EUR125,00
        :90C:1EUR40,50
        -}
        """;

    [Fact]
    public void The_swift_example_shape_reads_floor_limits_creation_time_and_pending_entries_without_warnings()
    {
        var statement = StatementText.Parse(Enveloped, "swift.942").Statements.Single();

        Assert.Equal(StatementKinds.Mt942, statement.Kind);
        Assert.Equal(new FloorLimits { Currency = "EUR", Debit = 0m, Credit = 0m }, statement.FloorLimits);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 15, 30, 0, TimeSpan.FromHours(1)), statement.CreatedAt);
        Assert.All(statement.Entries, e => Assert.Equal(EntryStatus.Pending, e.Status));
        Assert.Equal([-125.00m, 40.50m], statement.Entries.Select(e => e.Amount));
        Assert.Empty(statement.Warnings);
    }

    [Fact]
    public void Separate_debit_and_credit_floor_limits_are_kept_apart()
    {
        var statement = StatementText.Parse(":20:R\n:25:GJB0291077111\n:28C:1/1\n:34F:EURD10,00\n:34F:EURC250,00\n:13D:1610301730-0500\n:61:1610301030D11,00NTRFNONREF\n:90D:1EUR11,00\n-\n").Statements.Single();

        Assert.Equal(new FloorLimits { Currency = "EUR", Debit = 10.00m, Credit = 250.00m }, statement.FloorLimits);
        Assert.Equal(new DateTimeOffset(2016, 10, 30, 17, 30, 0, TimeSpan.FromHours(-5)), statement.CreatedAt);
        Assert.Empty(statement.Warnings);
    }

    [Fact]
    public void Corpus_mt942_files_carry_their_floor_limits_and_creation_times()
    {
        var mbank = Corpus.Parse("mt942/wolph_mBank_mt942.sta").Statements.Single();
        Assert.Equal(new FloorLimits { Currency = "PLN", Debit = 0m, Credit = 0m }, mbank.FloorLimits); // ":34F:PLN0" (no comma)
        Assert.Equal(new DateTimeOffset(2017, 1, 19, 18, 15, 0, TimeSpan.FromHours(1)), mbank.CreatedAt);
        Assert.DoesNotContain(mbank.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch);

        var two = Corpus.Parse("mt942/wolph_selfprovided_mt942.sta").Statements.Single();
        Assert.Equal(new FloorLimits { Currency = "EUR", Debit = 0m, Credit = 0m }, two.FloorLimits);
        Assert.Equal(new DateTimeOffset(2016, 10, 30, 17, 30, 0, TimeSpan.Zero), two.CreatedAt);
        // Its :90D: says one debit of 2.30; the one :61: debits 0.42.
        Assert.Contains(two.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch && w.Message.Contains(":90D: says 1 debits totalling 2.30, entries have 1 totalling 0.42", StringComparison.Ordinal));

        // The older :13: (YYMMDDHHMM, no offset) is read as UTC.
        var austrian = Corpus.Parse("mt942/svirin_transactions.mt942").Statements;
        Assert.Equal(new DateTimeOffset(2016, 12, 7, 13, 2, 0, TimeSpan.Zero), austrian[0].CreatedAt);
        Assert.All(austrian, s => Assert.Equal(TimeSpan.Zero, s.CreatedAt!.Value.Offset));
        Assert.All(austrian.SelectMany(s => s.Entries), e => Assert.Equal(EntryStatus.Pending, e.Status));
    }

    [Theory]
    [InlineData("mt942/swiftcbpr_c.52.1.1_mt942_A_B.fin", "2020-11-24T11:00:00+01:00")]
    [InlineData("mt942/swiftcbpr_c.52.1.1_mt942_C_D.fin", "2020-12-15T11:00:00+00:00")]
    public void Swift_cbpr_mt942_examples_read_as_mt942_with_floor_limit_zero_and_the_creation_time(string file, string created)
    {
        // The same instant ballerina's MT942 → camt.052 conversion gives as Rpt/CreDtTm (expected/*.ballerina.xml).
        var statement = Corpus.Parse(file).Statements.Single();

        Assert.Equal(StatementKinds.Mt942, statement.Kind);
        Assert.Equal(new FloorLimits { Currency = "EUR", Debit = 0m, Credit = 0m }, statement.FloorLimits);
        Assert.Equal(DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture), statement.CreatedAt);
        Assert.Equal(statement.CreatedAt!.Value.Offset, DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture).Offset);
        Assert.All(statement.Entries, e => Assert.Equal(EntryStatus.Pending, e.Status));
    }

    [Fact]
    public void A_library_sample_with_one_floor_limit_for_both_sides_and_totals_that_do_not_match_is_read_with_the_warning()
    {
        // qoomon/banking-swift-messages-java valid-mt942.txt: ":34F:USD123," ":13D:0001032359+0500" ":90D:75475USD123,".
        var statement = Corpus.Parse("mt942/qoomon_valid-mt942.txt").Statements.Single();

        Assert.Equal(new FloorLimits { Currency = "USD", Debit = 123m, Credit = 123m }, statement.FloorLimits);
        Assert.Equal(new DateTimeOffset(2000, 1, 3, 23, 59, 0, TimeSpan.FromHours(5)), statement.CreatedAt);
        Assert.Equal(2, statement.Warnings.Count(w => w.Code == StatementWarningCodes.TotalsMismatch));
    }

    [Fact]
    public void Totals_that_match_raise_nothing_and_totals_that_do_not_name_both_sides()
    {
        var fits = StatementText.Parse(Enveloped).Statements.Single();
        Assert.DoesNotContain(fits.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch);

        var counted = StatementText.Parse(Enveloped.Replace(":90D:1EUR125,00", ":90D:2EUR125,00", StringComparison.Ordinal)).Statements.Single();
        var warning = Assert.Single(counted.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch);
        Assert.Contains(":90D: says 2 debits totalling 125.00, entries have 1 totalling 125.00", warning.Message, StringComparison.Ordinal);

        var summed = StatementText.Parse(Enveloped.Replace(":90C:1EUR40,50", ":90C:1EUR40,00", StringComparison.Ordinal)).Statements.Single();
        Assert.Contains(summed.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch && w.Message.Contains(":90C: says 1 credits totalling 40.00, entries have 1 totalling 40.50", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(":34F:0,", StatementWarningCodes.FloorLimitUnreadable)]
    [InlineData(":34F:EURX", StatementWarningCodes.FloorLimitUnreadable)]
    [InlineData(":13D:2612051530", StatementWarningCodes.DateUnreadable)]
    [InlineData(":13D:2613051530+0100", StatementWarningCodes.DateUnreadable)]
    [InlineData(":13D:2612052530+0100", StatementWarningCodes.DateUnreadable)]
    public void Unreadable_floor_limits_and_date_times_are_warnings_not_refusals(string field, string code)
    {
        var text = Enveloped.Replace(field.StartsWith(":34F:", StringComparison.Ordinal) ? ":34F:EUR0," : ":13D:2612051530+0100", field, StringComparison.Ordinal);
        var statement = StatementText.Parse(text).Statements.Single();
        Assert.Contains(statement.Warnings, w => w.Code == code && w.Message.Contains(field[5..], StringComparison.Ordinal));
        Assert.Equal(2, statement.EntryCount);
    }

    [Fact]
    public void Mt940_entries_stay_booked_and_have_no_floor_limits()
    {
        var statement = Corpus.Parse("mt940/wolph_jejik_ing.sta").Statements.Single();
        Assert.All(statement.Entries, e => Assert.Equal(EntryStatus.Booked, e.Status));
        Assert.Null(statement.FloorLimits);
        Assert.Null(statement.CreatedAt);
    }

    [Fact]
    public void Floor_limits_and_creation_time_are_in_the_json_form()
    {
        var json = StatementJson.Serialize(StatementText.Parse(Enveloped));
        Assert.Contains("\"floorLimits\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"debit\": \"0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"createdAt\": \"2026-12-05T15:30:00+01:00\"", json, StringComparison.Ordinal);
    }
}
