using System.Xml;
using System.Xml.Schema;
using BankFunctions.Formats.Iso20022;
using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests.Camt053Export;

/// <summary>
/// The camt.053.001.08 export writer: valid against the XSD shipped in the repo (tools/BankSim/Schemas, the ISO 20022
/// message definition), and read back through our own statement reader to the same entries and balances.
/// </summary>
public sealed class Camt053WriterTests
{
    private static readonly Camt053Statement Header = new("EXP1", new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero), "20261201-20261203",
        new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3), "DE89370400440532013000", "EUR", 2, OpeningBooked: -10.00m, ClosingBooked: 1129.49m);

    private static readonly string LongRemittance = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"INV-{i:D4}"));

    private static readonly StatementEntry[] Entries =
    [
        new()
        {
            Amount = 1500.00m, Currency = "EUR", BookingDate = new DateOnly(2026, 12, 1), ValueDate = new DateOnly(2026, 12, 2), Status = EntryStatus.Booked,
            BankReference = "BR-1", EndToEndId = "E2E-1", CustomerReference = "INSTR-1", Uetr = "eb6305c9-1f7f-49de-aed0-16487c27b42d",
            Counterparty = new Counterparty { Name = "ACME GmbH", Account = "NL91ABNA0417164300", Bank = "ABNANL2A" },
            RemittanceInformation = LongRemittance, BankTransactionCode = "PMNT-RCDT-ESCT",
        },
        new()
        {
            Amount = -250.50m, Currency = "EUR", BookingDate = new DateOnly(2026, 12, 2), ValueDate = new DateOnly(2026, 12, 2), Status = EntryStatus.Booked,
            BankReference = "BR-2", EndToEndId = "PAY-2", Counterparty = new Counterparty { Name = "上海某某贸易有限公司", Account = "6225880100000199" },
            RemittanceInformation = "Invoice 42 & <fees>", BankTransactionCode = "PMNT-ICDT-ESCT",
        },
        new()
        {
            Amount = -120.00m, Currency = "EUR", BookingDate = new DateOnly(2026, 12, 3), ValueDate = new DateOnly(2026, 12, 3), Status = EntryStatus.Booked,
            BankReference = "BR-3", BankTransactionCode = "PMNT-ICDT-ESCT",
            Details =
            [
                new EntryDetail { Amount = -70.00m, Currency = "EUR", BankReference = "BR-3", EndToEndId = "B-1", Counterparty = new Counterparty { Name = "One" } },
                new EntryDetail { Amount = -50.00m, Currency = "EUR", BankReference = "BR-3", EndToEndId = "B-2", Counterparty = new Counterparty { Name = "Two" } },
            ],
        },
        new()
        {
            Amount = 9.99m, Currency = "EUR", BookingDate = new DateOnly(2026, 12, 3), ValueDate = new DateOnly(2026, 12, 3), Status = EntryStatus.Booked,
            BankReference = "BR-4", IsReversal = true, ReturnInfo = "AC04", BankTransactionCode = "XTND",
            Counterparty = new Counterparty { Name = "Returned Ltd", Account = "GB82WEST12345698765432" },
        },
    ];

    [Fact]
    public void The_export_is_valid_camt_053_001_08()
    {
        Assert.Equal([], Validate(Write(Entries)));
    }

    [Fact]
    public void The_export_reads_back_through_our_reader_to_the_same_entries_and_balances()
    {
        var parsed = StatementParser.Parse(new MemoryStream(Write(Entries)), "export.xml");

        var statement = Assert.Single(parsed.Statements);
        Assert.Equal(StatementKinds.Camt053, statement.Kind);
        Assert.Equal("DE89370400440532013000", statement.Account);
        Assert.Equal(("OPBD", -10.00m, new DateOnly(2026, 12, 1)), (statement.OpeningBalance!.Type, statement.OpeningBalance.Value, statement.OpeningBalance.Date!.Value));
        Assert.Equal(("CLBD", 1129.49m, new DateOnly(2026, 12, 3)), (statement.ClosingBalance!.Type, statement.ClosingBalance.Value, statement.ClosingBalance.Date!.Value));
        // Opening + entries = closing: no imbalance warning.
        Assert.Empty(statement.Warnings);
        Assert.Equal(Entries.Length, statement.Entries.Count);
        foreach (var (expected, actual) in Entries.Zip(statement.Entries))
        {
            Assert.Equal(Comparable(expected), Comparable(actual));
        }
        Assert.Equal(Entries[2].Details.Select(d => (d.Amount, d.EndToEndId, d.Counterparty?.Name)), statement.Entries[2].Details.Select(d => (d.Amount, d.EndToEndId, d.Counterparty?.Name)));
    }

    [Fact]
    public void Long_remittance_is_split_at_spaces_into_140_character_lines()
    {
        var lines = Camt053Writer.UstrdLines(LongRemittance).ToList();

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 140));
        Assert.Equal(LongRemittance, string.Join(' ', lines));
        Assert.Equal([new string('x', 140), "xx"], Camt053Writer.UstrdLines(new string('x', 142)));
    }

    [Fact]
    public void Ten_thousand_entries_stream_through_one_xml_writer()
    {
        var many = Enumerable.Range(0, 10_000).Select(i => Entries[i % 2] with { BankReference = $"BR-{i}" }).ToList();
        var closing = Header.OpeningBooked + many.Sum(e => e.Amount);

        var xml = Write(many, Header with { ClosingBooked = closing });

        Assert.Equal([], Validate(xml));
        var parsed = Assert.Single(StatementParser.Parse(new MemoryStream(xml), "export.xml").Statements);
        Assert.Equal(10_000, parsed.Entries.Count);
        Assert.Empty(parsed.Warnings);
    }

    /// <summary>Everything the normalised entry carries that the export writes (AdditionalInformation is not written).</summary>
    private static string Comparable(StatementEntry e) => System.Text.Json.JsonSerializer.Serialize(new
    {
        e.Amount, e.Currency, e.BookingDate, e.ValueDate, e.Status, e.BankReference, e.EndToEndId, e.CustomerReference, e.Uetr,
        Name = e.Counterparty?.Name, Account = e.Counterparty?.Account, Bank = e.Counterparty?.Bank,
        e.RemittanceInformation, e.BankTransactionCode, e.IsReversal, e.ReturnInfo,
        // The reader gives a single transaction as one detail too; the store keeps details only for batches (StatementIngest).
        Batch = e.Details.Count > 1 ? e.Details.Count : 0,
    }, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static byte[] Write(IEnumerable<StatementEntry> entries, Camt053Statement? header = null)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Camt053Writer.Settings))
        {
            Camt053Writer.WriteStart(w, header ?? Header);
            foreach (var e in entries)
            {
                Camt053Writer.WriteEntry(w, e, "EUR", 2);
            }
            Camt053Writer.WriteEnd(w);
        }
        return stream.ToArray();
    }

    private static List<string> Validate(byte[] xml)
    {
        var errors = new List<string>();
        var schemas = new XmlSchemaSet();
        schemas.Add(Camt053Writer.Namespace, RepoPaths.Combine("tools", "BankSim", "Schemas", "camt.053.001.08.xsd"));
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }
}
