using System.Text;
using System.Xml;
using BankFunctions.Formats.Statements;
using BankFunctions.Formats.Statements.Camt;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// The fast camt reader must either decline a document or report exactly the nodes XmlReader reports for it (as the
/// camt readers see them); it must never accept what XmlReader refuses. A declined document is reread with XmlReader,
/// and entries already handed out are not handed out again.
/// </summary>
public sealed class CamtFastXmlReaderTests
{
    /// <summary>
    /// ISO-8859-1 bytes under a UTF-8 declaration: outside the fast reader's subset, and read (as Latin-1, with a warning)
    /// only from a rewindable input; a forward-only stream refuses it at the first bad byte.
    /// </summary>
    private const string Latin1DeclaredUtf8 = "camt.053/genkgo_camt053.v2.with-party-ids_edited_latin1_bytes.xml";
    private static readonly string[] NotUtf8 = [Latin1DeclaredUtf8, "camt.053/viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml"];

    public static TheoryData<string> CamtFiles()
    {
        var data = new TheoryData<string>();
        foreach (var row in Corpus.Rows.Where(r => r.Format.StartsWith("camt", StringComparison.Ordinal) && !NotUtf8.Contains(r.File)))
        {
            data.Add(row.File);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CamtFiles))]
    public void Corpus_files_are_read_fast_with_the_nodes_XmlReader_reports(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Root, file));
        var expected = XmlReaderNodes(bytes);
        if (expected is [var only] && only.StartsWith("XmlException: ", StringComparison.Ordinal))
        {
            // XmlReader refuses the document (e.g. ISO-8859-1 bytes under a UTF-8 declaration): the fast reader must decline it.
            Assert.Throws<CamtFastXmlReader.Declined>(() => FastNodes(bytes));
            return;
        }
        Assert.Equal(expected, FastNodes(bytes));
    }

    [Theory]
    [MemberData(nameof(CamtFiles))]
    public void Corpus_files_parse_the_same_from_seekable_and_forward_only_streams(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Root, file));
        Assert.Equal(ParseJson(new MemoryStream(bytes)), ParseJson(new ForwardOnlyStream(bytes)));
    }

    [Fact]
    public void The_Latin1_corpus_file_is_declined_by_the_fast_reader_and_read_only_from_a_rewindable_input()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Root, Latin1DeclaredUtf8));
        Assert.Throws<CamtFastXmlReader.Declined>(() => FastNodes(bytes));
        Assert.DoesNotContain("refused", ParseJson(new MemoryStream(bytes)), StringComparison.Ordinal);
        Assert.StartsWith("refused: file.xml: line 131, position 59: malformed XML: Invalid character in the given encoding.", ParseJson(new ForwardOnlyStream(bytes)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a>x</a>")]
    [InlineData("\uFEFF<?xml version='1.0' encoding='utf-8' standalone='yes'?>\r\n<a\r\n b = \"1\"\r\n>x\r\ny\rz</a>\r\n")]
    [InlineData("<a Ccy='E\r\nU\tR'>1</a>")]
    [InlineData("<!-- head --><a>  <!-- between elements -->  <b>1</b></a><!-- tail -->")]
    [InlineData("<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</a>")]
    [InlineData("<a>Müller – €</a>")]
    [InlineData("<p:a xmlns:p='urn:p' xmlns='urn:d'><b p:x='1'/><p:c>t</p:c></p:a>")]
    [InlineData("<a xmlns='urn:d'><b xmlns=''>t</b><c/></a>")]
    [InlineData("<a>x]y]]z</a>")]
    [InlineData("<a/>")]
    public void Documents_in_the_subset_are_read_with_the_nodes_XmlReader_reports(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal(XmlReaderNodes(bytes), FastNodes(bytes));
    }

    /// <summary>Malformed documents, and well-formed ones whose reading is left to XmlReader.</summary>
    [Theory]
    [InlineData("<a>x<!-- c -->y</a>")]
    [InlineData("<a> <!-- c -->y</a>")]
    [InlineData("<a>x]]>y</a>")]
    [InlineData("<a><![CDATA[x]]></a>")]
    [InlineData("<!DOCTYPE a [<!ENTITY e 'v'>]><a>&e;</a>")]
    [InlineData("<a>&#32;</a>")]
    [InlineData("<a>&#0;</a>")]
    [InlineData("<a>&nbsp;</a>")]
    [InlineData("<a>\u0001</a>")]
    [InlineData("<a xml:space='preserve'> </a>")]
    [InlineData("<a b='1' b='2'/>")]
    [InlineData("<a xmlns:p='u' xmlns:q='u' p:b='1' q:b='2'/>")]
    [InlineData("<a xmlns:p=''/>")]
    [InlineData("<p:a/>")]
    [InlineData("<a b='1'c='2'/>")]
    [InlineData("<a x='<'/>")]
    [InlineData("<a>x</b>")]
    [InlineData("<a>x</a><b/>")]
    [InlineData("<a>x</a>y")]
    [InlineData("<a>x")]
    [InlineData("<?xml version='1.1'?><a/>")]
    [InlineData("<?xml version='1.0' encoding='ISO-8859-1'?><a/>")]
    [InlineData(" <?xml version='1.0'?><a/>")]
    [InlineData("<a><?pi x?></a>")]
    [InlineData("<a><!-- x -- y --></a>")]
    [InlineData("<1a/>")]
    public void Documents_outside_the_subset_are_declined(string xml)
    {
        Assert.Throws<CamtFastXmlReader.Declined>(() => FastNodes(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void Invalid_utf8_is_declined()
    {
        byte[] bytes = [.. "<a>"u8, 0xC3, 0x28, .. "</a>"u8];
        Assert.Throws<CamtFastXmlReader.Declined>(() => FastNodes(bytes));
    }

    [Fact]
    public void A_document_declined_after_some_entries_hands_each_entry_out_once()
    {
        var entries = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<Ntry><Amt Ccy=\"EUR\">{i}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AddtlNtryInf>{(i == 4 ? "<![CDATA[four]]>" : "entry " + i)}</AddtlNtryInf></Ntry>"));
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>S</Id>{entries}</Stmt></BkToCstmrStmt></Document>
            """;
        var handedOut = new List<decimal>();
        var result = StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "declined.xml",
            new StatementParseOptions { OnEntry = entry => handedOut.Add(entry.Amount) });

        Assert.Equal([1m, 2m, 3m, 4m, 5m], handedOut);
        Assert.Equal("four", result.Statements.Single().Entries[3].AdditionalInformation);
        Assert.Equal(ParseJson(new ForwardOnlyStream(Encoding.UTF8.GetBytes(xml))), StatementJson.Serialize(result));
    }

    private static string ParseJson(Stream stream)
    {
        try
        {
            return StatementJson.Serialize(StatementParser.Parse(stream, "file.xml"));
        }
        catch (StatementFormatException ex)
        {
            return "refused: " + ex.Message;
        }
    }

    private static List<string> FastNodes(byte[] bytes)
    {
        using var reader = new CamtFastXmlReader(new MemoryStream(bytes), new NameTable());
        return Nodes(reader);
    }

    private static List<string> XmlReaderNodes(byte[] bytes)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), CamtReader.Settings);
            return Nodes(reader);
        }
        catch (XmlException ex)
        {
            return ["XmlException: " + ex.Message];
        }
    }

    /// <summary>What the camt readers look at: type, names, depth, emptiness, element line, Ccy, text.</summary>
    private static List<string> Nodes(XmlReader reader)
    {
        var nodes = new List<string>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    break; // XmlReader reports it, the fast reader consumes it; the readers never look at it
                case XmlNodeType.Element:
                    nodes.Add($"<{reader.LocalName} ns={reader.NamespaceURI} depth={reader.Depth} empty={reader.IsEmptyElement} line={((IXmlLineInfo)reader).LineNumber} Ccy={(reader.HasAttributes ? reader.GetAttribute("Ccy") : null)}>");
                    break;
                default:
                    nodes.Add($"{reader.NodeType} {reader.LocalName} ns={reader.NamespaceURI} depth={reader.Depth} '{(reader.NodeType == XmlNodeType.Text ? reader.Value : "")}'");
                    break;
            }
        }
        nodes.Add("end");
        return nodes;
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
    }
}
