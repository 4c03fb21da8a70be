using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>Issue #13: MT940 deviations read with a warning by default and refused when parsing is strict.</summary>
public sealed class LenientMt940Tests
{
    private const string Message = "{1:F01ABNANL2AXXXX0000000000}{2:O940ABNANL2AXXXXN}{4:\n:20:REF1\n:25:DE89370400440532013000\n:28C:7/1\n:60F:C231229EUR100,00\n"
        + ":61:2312291229C1,00NTRFNONREF\n:86:first line\n:62F:C231229EUR101,00\n-}\n";

    private static readonly StatementParseOptions Strict = new() { Strict = true };

    private static ParseResult Read(byte[] bytes, StatementParseOptions? options = null) => StatementParser.Parse(new MemoryStream(bytes), "day.sta", options);

    private static ParseResult Read(string text, StatementParseOptions? options = null) => Read(Encoding.UTF8.GetBytes(text), options);

    private static StatementFormatException Refused(string text) => Assert.Throws<StatementFormatException>(() => Read(text, Strict));

    [Fact]
    public void A_UTF8_byte_order_mark_is_skipped_with_a_warning_and_refused_when_strict()
    {
        var result = Read([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Message)]);
        Assert.Equal("REF1", result.Statements.Single().Id);
        Assert.Empty(result.Statements.Single().Warnings);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((StatementWarningCodes.ByteOrderMark, "day.sta: line 1: byte order mark (U+FEFF) before the first field; skipped"), (warning.Code, warning.Message));
        Assert.Throws<StatementFormatException>(() => Read([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Message)], Strict));
    }

    [Fact]
    public void A_UTF16_MT940_file_is_read_with_the_byte_order_mark_warning()
    {
        var text = Message.Replace("first line", "M\u00fcller", StringComparison.Ordinal);
        foreach (var encoding in new[] { Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var result = Read([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
            Assert.Equal("M\u00fcller", result.Statements.Single().Entries.Single().RemittanceInformation);
            Assert.Equal([StatementWarningCodes.ByteOrderMark], result.Warnings.Select(w => w.Code));
        }
    }

    [Fact]
    public void A_UTF16_camt_file_is_read_by_XmlReader_without_a_warning()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>S1</Id>"
            + "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AddtlNtryInf>M\u00fcller</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>";
        var result = StatementParser.Parse(new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)]), "day.xml");
        Assert.Equal("M\u00fcller", result.Statements.Single().Entries.Single().AdditionalInformation);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Statements.Single().Warnings);
    }

    [Fact]
    public void Repeated_86_fields_after_one_61_are_read_as_one_86_with_one_warning_per_statement()
    {
        // Danske Bank: one :86: per line of information.
        var text = Message.Replace(":86:first line\n", ":86:first line\n:86:DABADKKK\n:86:second line\n:61:2312291229D0,50NTRFNONREF\n:86:a\n:86:b\n", StringComparison.Ordinal)
            .Replace("EUR101,00", "EUR100,50", StringComparison.Ordinal);
        var statement = Read(text).Statements.Single();
        Assert.Equal(["first line DABADKKK second line", "a b"], statement.Entries.Select(e => e.RemittanceInformation));
        Assert.Equal("first line\nDABADKKK\nsecond line", statement.Entries[0].AdditionalInformation);
        Assert.Null(statement.AdditionalInformation);
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal((StatementWarningCodes.EntryInformationRepeated, "day.sta: line 8 (:86:): a further :86: after the same :61:; read as lines of one :86: (named once per statement)"), (warning.Code, warning.Message));
        Assert.StartsWith("day.sta: line 8 (:86:): a further :86: after the same :61:", Refused(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_86_fields_keep_the_structured_German_layout()
    {
        var text = Message.Replace(":86:first line\n", ":86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-1\n:86:?21SVWZ+Rechnung 7?32Alpha GmbH\n", StringComparison.Ordinal);
        var entry = Read(text).Statements.Single().Entries.Single();
        Assert.Equal(("E2E-1", "Rechnung 7", "Alpha GmbH"), (entry.EndToEndId, entry.RemittanceInformation, entry.Counterparty?.Name));
    }

    [Fact]
    public void Statement_information_after_the_closing_balance_is_still_the_statement_s()
    {
        var statement = Read(Message.Replace("-}\n", ":86:statement note\n-}\n", StringComparison.Ordinal)).Statements.Single();
        Assert.Equal(("first line", "statement note"), (statement.Entries.Single().RemittanceInformation, statement.AdditionalInformation));
        Assert.Empty(statement.Warnings);
    }

    [Fact]
    public void Text_after_the_message_end_on_its_line_is_ignored_with_a_warning_and_refused_when_strict()
    {
        var text = Message.Replace("-}\n", "-}garbage\n", StringComparison.Ordinal);
        var result = Read(text);
        Assert.Single(result.Statements);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((StatementWarningCodes.TextAfterMessageEnd, "day.sta: line 9: text after the message end '-}' ignored: 'garbage'"), (warning.Code, warning.Message));
        Assert.StartsWith("day.sta: line 9: text after the message end '-}' ignored", Refused(text).Message, StringComparison.Ordinal);
        Assert.Empty(Read(Message.Replace("-}\n", "-}{5:{CHK:0123456789AB}}\n", StringComparison.Ordinal)).Warnings);
    }

    [Fact]
    public void Lines_after_the_last_message_are_ignored_with_a_warning_but_header_lines_before_a_message_are_not()
    {
        var result = Read(Message + "\nEND OF FILE 2023-12-29\n\n");
        Assert.Equal([(StatementWarningCodes.TextAfterMessageEnd, "day.sta: line 11: text after the last message's end ignored")], result.Warnings.Select(w => (w.Code, w.Message)));
        Assert.Throws<StatementFormatException>(() => Read(Message + "END\n", Strict));

        var headersBetween = Read("ABNANL2A\n940\nABNANL2A\n" + Message.Replace("{4:", "{4:", StringComparison.Ordinal) + "ABNANL2A\n940\nABNANL2A\n" + Message.Replace("REF1", "REF2", StringComparison.Ordinal));
        Assert.Equal(2, headersBetween.Statements.Count);
        Assert.Empty(headersBetween.Warnings);
    }

    [Fact]
    public void A_61_whose_bank_reference_follows_the_amount_is_read_without_transaction_type_with_one_warning()
    {
        // Zenith Bank (NGN): "N" is the funds code (the currency's third letter), then amount, then "//" bank reference.
        var text = Message.Replace(":61:2312291229C1,00NTRFNONREF\n:86:first line\n", ":61:2312291229CN1,00//19239782213\n:86:a\n:61:2312291229DN0,50//19239810200\n:86:b\n", StringComparison.Ordinal)
            .Replace("EUR101,00", "EUR100,50", StringComparison.Ordinal);
        var statement = Read(text).Statements.Single();
        Assert.Equal([(1.00m, "N", null, null, "19239782213"), (-0.50m, "N", null, null, "19239810200")],
            statement.Entries.Select(e => (e.Amount, e.FundsCode, e.BankTransactionCode, e.CustomerReference, e.BankReference)));
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal((StatementWarningCodes.EntryTransactionTypeMissing, "day.sta: line 6 (:61:): no transaction type and no customer reference before the bank reference '//'; read without them (named once per statement)"), (warning.Code, warning.Message));
        Assert.StartsWith("day.sta: line 6 (:61:): no transaction type", Refused(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_before_a_field_are_dropped_so_that_the_field_is_still_read()
    {
        // SOH framing before {1:, and a DOS end-of-file byte glued to the next message's :20: (Rabobank).
        var result = Read("\u0001" + Message + "\u001a" + Message.Replace("{1:F01ABNANL2AXXXX0000000000}{2:O940ABNANL2AXXXXN}{4:\n", "", StringComparison.Ordinal).Replace("REF1", "REF2", StringComparison.Ordinal).Replace("-}\n", "-\n", StringComparison.Ordinal));
        Assert.Equal(["REF1", "REF2"], result.Statements.Select(s => s.Id));
        Assert.Equal([StatementWarningCodes.ControlCharacter, StatementWarningCodes.ControlCharacter], result.Warnings.Concat(result.Statements.SelectMany(s => s.Warnings)).Select(w => w.Code));
    }

    [Fact]
    public void Mixed_line_endings_are_read_as_with_LF_only_and_raise_nothing()
    {
        var mixed = Message.Replace(":25:DE89370400440532013000\n", ":25:DE89370400440532013000\r\n", StringComparison.Ordinal)
            .Replace(":86:first line\n", ":86:first line\r", StringComparison.Ordinal).Replace(":28C:7/1\n", ":28C:7/1\r\n", StringComparison.Ordinal);
        var result = Read(mixed);
        Assert.Equal(StatementJson.Serialize(Read(Message)), StatementJson.Serialize(result));
        Assert.Empty(result.Statements.Single().Warnings);
    }

    [Fact]
    public void A_61_without_the_optional_funds_code_is_read_without_a_warning_in_both_modes()
    {
        foreach (var options in new[] { StatementParseOptions.Default, Strict })
        {
            var statement = Read(Message, options).Statements.Single();
            var entry = statement.Entries.Single();
            Assert.Equal((1.00m, null, "NTRF"), (entry.Amount, entry.FundsCode, entry.BankTransactionCode));
            Assert.Empty(statement.Warnings);
        }
    }
}
