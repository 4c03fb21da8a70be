using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class StreamingEntriesTests
{
    [Theory]
    [InlineData("mt940/wolph_betterplace_sepa_mt9401.sta")]
    [InlineData("camt.053/iso20022js_abnamro_example_camt.xml")]
    [InlineData("mt940/php_rabo_sample.sta")]
    public void Streamed_entries_equal_retained_entries_and_checks_are_unchanged(string file)
    {
        var retained = Corpus.Parse(file);
        var streamed = new List<StatementEntry>();
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, file));
        var result = StatementParser.Parse(stream, Path.GetFileName(file), new StatementParseOptions { RetainEntries = false, OnEntry = streamed.Add });

        // Records hold lists (Details), so compare their JSON form.
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(retained.Statements.SelectMany(s => s.Entries).ToList(), StatementJson.Options),
            System.Text.Json.JsonSerializer.Serialize(streamed, StatementJson.Options));
        Assert.All(result.Statements, s => Assert.Empty(s.Entries));
        Assert.Equal(retained.Statements.Select(s => s.EntryCount), result.Statements.Select(s => s.EntryCount));
        Assert.Equal(retained.Statements.SelectMany(s => s.Warnings), result.Statements.SelectMany(s => s.Warnings));
    }

    [Theory]
    [InlineData("mt940/php_rabo_sample.sta")]
    [InlineData("mt942/svirin_transactions.mt942")]
    [InlineData("camt.053/iso20022js_abnamro_example_camt.xml")]
    public void Statements_handed_out_without_being_retained_equal_the_retained_ones(string file)
    {
        var retained = Corpus.Parse(file);
        var handedOut = new List<Statement>();
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, file));
        var result = StatementParser.Parse(stream, Path.GetFileName(file), new StatementParseOptions { RetainStatements = false, OnStatement = handedOut.Add });

        Assert.Empty(result.Statements);
        Assert.Equal(retained.Format, result.Format);
        Assert.Equal(retained.Warnings, result.Warnings);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(retained.Statements, StatementJson.Options),
            System.Text.Json.JsonSerializer.Serialize(handedOut, StatementJson.Options));
    }
}
