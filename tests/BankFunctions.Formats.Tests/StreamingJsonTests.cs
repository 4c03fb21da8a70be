using System.Text;
using System.Text.Json;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// StatementJson.ParseAndWrite (what `statement parse --json` runs) writes while it reads; its document must be the one
/// StatementJson.Serialize writes from the retained result, property order aside.
/// </summary>
public sealed class StreamingJsonTests
{
    [Theory]
    [MemberData(nameof(Corpus.Files), MemberType = typeof(Corpus))]
    public void Streamed_json_is_the_serialised_result_for_every_corpus_file(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Root, file));
        var name = Path.GetFileName(file);
        string expected;
        try
        {
            expected = StatementJson.Serialize(StatementParser.Parse(new MemoryStream(bytes), name));
        }
        catch (StatementFormatException refused)
        {
            // A refused file (Corpus.IsRefused) is refused the same way, with the same message, when streamed.
            var streamed = Assert.Throws<StatementFormatException>(() => StatementJson.ParseAndWrite(new MemoryStream(bytes), name, new MemoryStream()));
            Assert.Equal(refused.Message, streamed.Message);
            return;
        }
        var output = new MemoryStream();
        StatementJson.ParseAndWrite(new MemoryStream(bytes), name, output);

        Assert.Equal(Canonical(expected), Canonical(Encoding.UTF8.GetString(output.ToArray())));
    }

    [Fact]
    public void Statements_and_entries_delivered_before_the_fast_camt_reader_declines_are_written_once()
    {
        // The second statement's CDATA makes the fast reader decline after the first statement has been written; the
        // XmlReader pass reads that statement again and must not write it (or its entries) a second time.
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
            <Stmt><Id>S1</Id><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts></Ntry></Stmt>
            <Stmt><Id>S2</Id><Ntry><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts></Ntry>
            <Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AddtlNtryInf><![CDATA[three]]></AddtlNtryInf></Ntry></Stmt>
            </BkToCstmrStmt></Document>
            """;
        var bytes = Encoding.UTF8.GetBytes(xml);
        var output = new MemoryStream();
        StatementJson.ParseAndWrite(new MemoryStream(bytes), "declined.xml", output);

        var json = JsonDocument.Parse(output.ToArray()).RootElement;
        var statements = json.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(["S1", "S2"], statements.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal([["1.00"], ["-2.00", "3.00"]],
            statements.Select(s => s.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetString()).ToArray()));
        Assert.Equal(Canonical(StatementJson.Serialize(StatementParser.Parse(new MemoryStream(bytes), "declined.xml"))),
            Canonical(Encoding.UTF8.GetString(output.ToArray())));
    }

    [Fact]
    public void Entries_reach_the_output_before_their_statement_ends_and_nothing_is_retained()
    {
        // 2,000 entries are far more JSON than the writer buffers, so most must be on the stream before :62F: is read.
        var lines = new StringBuilder(":20:X\n:25:A\n:28C:1\n:60F:C240101EUR0,00\n");
        for (var i = 0; i < 2000; i++)
        {
            lines.Append(":61:2401010101C1,00NTRFNONREF\n:86:payment ").Append(i).Append('\n');
        }
        lines.Append(":62F:C240101EUR2000,00\n-\n");
        var output = new MemoryStream();
        var writtenBeforeStatementEnd = -1L;
        ParseResult result;
        using (var writer = new StatementJsonWriter(output))
        {
            var options = writer.ParseOptions with
            {
                OnStatement = statement =>
                {
                    writtenBeforeStatementEnd = output.Length;
                    writer.ParseOptions.OnStatement!(statement);
                },
            };
            result = StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())), "x.sta", options);
            writer.WriteEnd(result);
        }

        Assert.InRange(writtenBeforeStatementEnd, output.Length / 2, output.Length);
        Assert.Empty(result.Statements);
        var statement = JsonDocument.Parse(output.ToArray()).RootElement.GetProperty("statements")[0];
        Assert.Equal(2000, statement.GetProperty("entries").GetArrayLength());
        Assert.Equal(2000, statement.GetProperty("entryCount").GetInt32());
        Assert.Equal("payment 1999", statement.GetProperty("entries")[1999].GetProperty("additionalInformation").GetString());
        Assert.Equal("2000.00", statement.GetProperty("closingBalance").GetProperty("value").GetString());
    }

    [Fact]
    public void Streaming_keeps_the_callers_parse_settings_and_takes_over_the_hand_out()
    {
        using var writer = new StatementJsonWriter(new MemoryStream());
        var options = writer.Streaming(new StatementParseOptions { Strict = true, OnEntry = _ => Assert.Fail("the writer takes the entries") });

        Assert.True(options.Strict);
        Assert.False(options.RetainEntries);
        Assert.False(options.RetainStatements);
        Assert.Same(writer.ParseOptions.OnStatement!.Target, options.OnStatement!.Target);
        options.OnEntry!(new StatementEntry { Amount = 1m, Status = EntryStatus.Booked });
    }

    /// <summary>The document with every object's properties sorted by name; a property name given twice fails the test.</summary>
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteSorted(document.RootElement, writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSorted(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                Assert.Equal(properties.Count, properties.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(item, writer);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
