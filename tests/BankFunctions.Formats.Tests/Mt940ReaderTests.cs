using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class Mt940ReaderTests
{
    private static string Statement(string lines61And86, string opening = "C231229EUR100,00", string closing = "C240102EUR100,00") =>
        $":20:REF1\n:25:DE89370400440532013000\n:28C:7/1\n:60F:{opening}\n{lines61And86}:62F:{closing}\n-\n";

    [Fact]
    public void Reversals_flip_the_sign_and_a_letter_after_the_mark_is_the_funds_code()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312291229RC10,00NTRFNONREF\n:61:2312291229RD3,50NTRFNONREF\n:61:2312291229CR2,NTRFNONREF\n:61:2312291229DR1,25NCHGNONREF\n",
            closing: "C231229EUR94,25"));
        var entries = result.Statements.Single().Entries;
        Assert.Equal([-10.00m, 3.50m, 2m, -1.25m], entries.Select(e => e.Amount));
        Assert.Equal([true, true, false, false], entries.Select(e => e.IsReversal));
        Assert.Equal([null, null, "R", "R"], entries.Select(e => e.FundsCode));
        Assert.Empty(result.Statements.Single().Warnings);
    }

    [Fact]
    public void Entry_date_takes_the_year_across_a_year_end()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312310102C1,00NTRFNONREF\n:61:2401021231D1,00NTRFNONREF\n"));
        var entries = result.Statements.Single().Entries;
        Assert.Equal(new DateOnly(2024, 1, 2), entries[0].BookingDate);
        Assert.Equal(new DateOnly(2023, 12, 31), entries[0].ValueDate);
        Assert.Equal(new DateOnly(2023, 12, 31), entries[1].BookingDate);
        Assert.Equal(new DateOnly(2024, 1, 2), entries[1].ValueDate);
    }

    [Fact]
    public void February_30_and_a_missing_entry_date_are_warnings_not_failures()
    {
        var result = StatementText.Parse(Statement(":61:240230C5,00NTRFNONREF\n", closing: "C240229EUR105,00"));
        var statement = result.Statements.Single();
        Assert.Equal(new DateOnly(2024, 2, 29), statement.Entries.Single().ValueDate);
        Assert.Equal(new DateOnly(2024, 2, 29), statement.Entries.Single().BookingDate);
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.DateInvalid && w.Message.Contains("2024-02-30 does not exist", StringComparison.Ordinal));
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.EntryDateFromValueDate && w.Message.Contains("no entry date", StringComparison.Ordinal));
    }

    [Fact]
    public void References_transaction_type_and_supplementary_details_are_separated()
    {
        var result = StatementText.Parse(Statement(":61:2312291229D12,5NMSCINV-2023-77//BANKREF123\n/OCMT/EUR12,5/\n", closing: "C231229EUR87,5"));
        var entry = result.Statements.Single().Entries.Single();
        Assert.Equal(-12.5m, entry.Amount);
        Assert.Equal("NMSC", entry.BankTransactionCode);
        Assert.Equal("INV-2023-77", entry.CustomerReference);
        Assert.Equal("BANKREF123", entry.BankReference);
        Assert.Equal("/OCMT/EUR12,5/", entry.SupplementaryDetails);
    }

    [Fact]
    public void German_structured_86_yields_end_to_end_id_remittance_and_counterparty()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312291229C50,00NTRFNONREF\n:86:166?00GUTSCHRIFT?100399?20EREF+E2E-4711?21SVWZ+Rechnung 12\n?2234 vom Dezember?30COBADEFFXXX?31DE02120300000000202051?32MAX MUSTE\n?33RMANN\n",
            closing: "C231229EUR150,00"));
        var entry = result.Statements.Single().Entries.Single();
        Assert.Equal("E2E-4711", entry.EndToEndId);
        Assert.Equal("Rechnung 1234 vom Dezember", entry.RemittanceInformation);
        Assert.Equal(new Counterparty { Name = "MAX MUSTERMANN", Account = "DE02120300000000202051", Bank = "COBADEFFXXX" }, entry.Counterparty);
    }

    [Fact]
    public void Dutch_slash_coded_86_yields_counterparty_remittance_and_return_reason()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312291229D20,00NTRFNONREF\n:86:/TRTP/SEPA OVERBOEKING/IBAN/NL44RABO0123456789/BIC/RABONL2U/NAME/J\nANSEN/REMI/USTD//Factuur 88/EREF/ABC-1/RTRN/AC04/\n",
            closing: "C231229EUR80,00"));
        var entry = result.Statements.Single().Entries.Single();
        Assert.Equal(new Counterparty { Name = "JANSEN", Account = "NL44RABO0123456789", Bank = "RABONL2U" }, entry.Counterparty);
        Assert.Equal("Factuur 88", entry.RemittanceInformation);
        Assert.Equal("ABC-1", entry.EndToEndId);
        Assert.Equal("AC04", entry.ReturnInfo);
    }

    [Fact]
    public void Slash_coded_values_hold_slashes_a_repeated_tag_is_text_and_CNTP_fills_only_what_is_missing()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312291229D20,00NTRFNONREF\n:86:/TRTP/SEPA/IBAN/NL44RABO0123456789/CNTP/NL11INGB0001234567/INGBNL2A/J. Jansen/Ams\nterdam/REMI/USTD//Factuur 88/ 12/EREF/NOTPROVIDED/NAME/X/NAME/Y/\n",
            closing: "C231229EUR80,00"));
        var entry = result.Statements.Single().Entries.Single();
        Assert.Equal(new Counterparty { Name = "X/NAME/Y", Account = "NL44RABO0123456789", Bank = "INGBNL2A" }, entry.Counterparty);
        Assert.Equal("Factuur 88/ 12", entry.RemittanceInformation);
        Assert.Null(entry.EndToEndId);
    }

    [Fact]
    public void German_86_joins_purpose_subfields_and_reads_SEPA_tags_up_to_the_next_tag()
    {
        var result = StatementText.Parse(Statement(
            ":61:2312291229D20,00NTRFNONREF\n:86:166?00GUTSCHRIFT?20EREF+E2E-1 ?21KREF+K1?22SVWZ+Rechnung 4?2\n32 Danke?30 BANKDEFF ?31DE02120300000000202051?32Max ?33 Muster\n",
            closing: "C231229EUR80,00"));
        var entry = result.Statements.Single().Entries.Single();
        Assert.Equal("E2E-1", entry.EndToEndId);
        Assert.Equal("K1", entry.CustomerReference);
        Assert.Equal("Rechnung 42 Danke", entry.RemittanceInformation);
        Assert.Equal(new Counterparty { Name = "Max Muster", Account = "DE02120300000000202051", Bank = "BANKDEFF" }, entry.Counterparty);
    }

    [Fact]
    public void Fin_envelope_with_several_messages_and_a_header_line_gives_several_statements()
    {
        var text = "ABNANL2A\n940\n{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\n" + Statement(":61:2312291229C1,00NTRFNONREF\n", closing: "C231229EUR101,00").Replace("-\n", "-}\n", StringComparison.Ordinal)
            + "{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\n" + Statement("", opening: "C231229EUR101,00", closing: "C231230EUR101,00").Replace("-\n", "-}", StringComparison.Ordinal);
        var result = StatementText.Parse(text);
        Assert.Equal(2, result.Statements.Count);
        Assert.All(result.Statements, s => Assert.Equal("DE89370400440532013000", s.Account));
        Assert.Equal(101.00m, result.Statements[1].OpeningBalance!.Value);
    }

    [Fact]
    public void Mt942_with_floor_limit_and_totals_is_recognised_and_totals_are_checked()
    {
        var result = StatementText.Parse(":20:INTRA\n:25:PL29114010810000267002001002\n:28C:1/1\n:34F:PLND0,\n:13D:1701191815+0100\n:61:1701190119D7,00NTRFNONREF\n:61:1701190119C2,00NTRFNONREF\n:90D:1PLN7,00\n:90C:1PLN3,00\n-\n");
        var statement = result.Statements.Single();
        Assert.Equal(StatementKinds.Mt942, statement.Kind);
        Assert.Equal("PLN", statement.Currency);
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.TotalsMismatch && w.Message.Contains(":90C: says 1 credits totalling 3.00, entries have 1 totalling 2.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Opening_plus_entries_not_closing_is_a_warning_naming_the_difference()
    {
        var result = StatementText.Parse(Statement(":61:2312291229C1,00NTRFNONREF\n", closing: "C231229EUR100,00"));
        Assert.Contains(result.Statements.Single().Warnings, w => w.Code == StatementWarningCodes.BalanceMismatch && w.Message.Contains("opening balance 100.00 + booked entries 1.00 = 101.00, but the closing balance is 100.00 (difference -1.00)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_debit_balance_is_negative()
    {
        var result = StatementText.Parse(Statement(":61:2312291229D1,00NTRFNONREF\n", opening: "D231229EUR5,00", closing: "D231229EUR6,00"));
        Assert.Equal(-5.00m, result.Statements.Single().OpeningBalance!.Value);
        Assert.Equal(-6.00m, result.Statements.Single().ClosingBalance!.Value);
        Assert.Empty(result.Statements.Single().Warnings);
    }

    [Theory]
    [InlineData(":61:2312291229X1,00NTRFNONREF\n", "line 5 (:61:) column 11: expected debit/credit mark C, D, RC or RD")]
    [InlineData(":61:2312291229C1,0,0NTRFNONREF\n", "line 5 (:61:) column 12: expected amount with decimal comma")]
    [InlineData(":61:23122C1,00NTRF\n", "line 5 (:61:) column 1: expected value date YYMMDD")]
    [InlineData(":61:2312291229C1,00NT\n", "line 5 (:61:) column 16: expected transaction type")]
    public void Broken_statement_lines_are_refused_with_line_column_and_expectation(string line61, string expected)
    {
        var ex = StatementText.Refused(Statement(line61));
        Assert.StartsWith("test.sta: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_opening_balance_is_refused_with_its_line()
    {
        var ex = StatementText.Refused(Statement("", opening: "C2312EUR100,00"));
        Assert.Contains("test.sta: line 4 (:60F:): expected D/C mark, date YYMMDD, currency and amount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_text_is_decoded_and_control_characters_become_warnings()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(Statement(":61:2312291229C1,00NTRFNONREF\n:86:M\u00fcller\u0001 GmbH\n", closing: "C231229EUR101,00"));
        var result = StatementParser.Parse(new MemoryStream(bytes), "latin1.sta");
        var statement = result.Statements.Single();
        Assert.Equal("M\u00fcller  GmbH", statement.Entries.Single().RemittanceInformation);
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.ControlCharacter && w.Message.Contains("control character U+0001", StringComparison.Ordinal));
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.EncodingLatin1 && w.Message.Contains("read as ISO-8859-1", StringComparison.Ordinal));
    }
}

public sealed class StatementFormatDetectorTests
{
    [Theory]
    [InlineData("<?xml version=\"1.0\"?><Document/>", StatementFileFormat.Camt)]
    [InlineData("\uFEFF  <Document/>", StatementFileFormat.Camt)]
    [InlineData(":20:REF\n", StatementFileFormat.Mt94x)]
    [InlineData("{1:F01ASNBNL21XXXX0000000000}{2:O940}{4:\n:20:X\n", StatementFileFormat.Mt94x)]
    [InlineData("ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n", StatementFileFormat.Mt94x)]
    [InlineData("{\"response\":{}}", StatementFileFormat.CmbJson)]
    [InlineData("1\n2\n3\n", StatementFileFormat.Unknown)]
    [InlineData("", StatementFileFormat.Unknown)]
    public void Format_is_told_from_the_first_bytes(string head, StatementFileFormat expected) =>
        Assert.Equal(expected, StatementFormatDetector.Detect(System.Text.Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void A_huge_line_is_refused_with_the_file_name()
    {
        var ex = StatementText.Refused(":20:" + new string('A', (1 << 20) + 10) + "\n", "huge.sta");
        Assert.Equal("huge.sta: line 1: longer than 1 MiB; not a statement file", ex.Message);
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        var ex = StatementText.Refused("", "empty.sta");
        Assert.StartsWith("empty.sta: empty file; expected MT940/MT942", ex.Message, StringComparison.Ordinal);
    }
}
