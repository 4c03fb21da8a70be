using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// Streams camt.052 (BkToCstmrAcctRpt/Rpt), camt.053 (BkToCstmrStmt/Stmt) and camt.054 (BkToCstmrDbtCdtNtfctn/Ntfctn),
/// versions 001.01–001.10, found by element name under any wrapper (business application header envelopes).
/// Only one child of a statement (one Ntry, one Bal…) is held in memory at a time. DTDs are refused and nothing
/// external is ever resolved.
/// </summary>
internal static class CamtReader
{
    private const string CamtNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.05";

    private static readonly Dictionary<string, (string Kind, string StatementElement)> Messages = new(StringComparer.Ordinal)
    {
        ["BkToCstmrStmt"] = (StatementKinds.Camt053, "Stmt"),
        ["BkToCstmrAcctRpt"] = (StatementKinds.Camt052, "Rpt"),
        ["BkToCstmrDbtCdtNtfctn"] = (StatementKinds.Camt054, "Ntfctn"),
    };

    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersFromEntities = 0,
        CloseInput = false,
    };

    public static ParseResult Read(Stream stream, string? fileName, StatementParseOptions options)
    {
        var file = fileName ?? "<input>";
        // A file may be read more than once (fast reader declined, then a Latin-1 reread). Each pass reads the same
        // entries and statements first, in the same order, so a pass hands the caller's OnEntry/OnStatementEntry/OnStatement only
        // those past what earlier passes delivered.
        var delivered = 0;
        StatementParseOptions Pass()
        {
            var seen = 0;
            return options.Filtered(() =>
            {
                if (++seen <= delivered) return false;
                delivered++;
                return true;
            });
        }

        var rewindable = stream as PrefixedStream is { CanRewind: true } prefixed ? prefixed : null;
        if (rewindable is not null)
        {
            // The fast reader takes the common plain UTF-8 documents; on anything else it declines, and the input is
            // read again from the start with XmlReader.
            try
            {
                using var fast = new CamtFastXmlReader(rewindable, CamtNames.CreateTable());
                return ReadMessage(fast, file, Pass());
            }
            catch (CamtFastXmlReader.Declined)
            {
                rewindable.Rewind();
            }
        }
        try
        {
            return ReadWithXmlReader(settings => XmlReader.Create(stream, settings), file, Pass());
        }
        catch (StatementFormatException ex) when (rewindable is not null && ex.InnerException is XmlException xml && IsInvalidInDeclaredEncoding(xml))
        {
            // Banks export ISO-8859-1 text (umlauts in names) under a UTF-8 declaration, or under none (UTF-8 by default).
            // Every byte is a valid ISO-8859-1 character, so the file is read again decoded as that; XmlReader takes
            // characters from a TextReader as they are and ignores the declaration.
            var warning = new StatementWarning(StatementWarningCodes.EncodingLatin1DeclaredUtf8,
                $"{file}: line {xml.LineNumber}, position {xml.LinePosition}: not valid UTF-8 although the file is declared (or defaults to) UTF-8; the file is read as ISO-8859-1");
            StatementWarningList.RefuseWhenStrict(options, warning.Code, warning.Message);
            rewindable.Rewind();
            using var latin1 = new StreamReader(rewindable, System.Text.Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var result = ReadWithXmlReader(settings => XmlReader.Create(latin1, settings), file, Pass());
            return result with { Warnings = [warning, .. result.Warnings] };
        }
    }

    /// <summary>XmlReader's refusal of bytes that are not valid in the document's encoding (here: UTF-8).</summary>
    private static bool IsInvalidInDeclaredEncoding(XmlException ex) =>
        ex.Message.StartsWith("Invalid character in the given encoding", StringComparison.Ordinal);

    private static ParseResult ReadWithXmlReader(Func<XmlReaderSettings, XmlReader> create, string file, StatementParseOptions options)
    {
        XmlReader? reader = null;
        try
        {
            var settings = Settings.Clone();
            settings.NameTable = CamtNames.CreateTable();
            reader = create(settings);
            return ReadMessage(reader, file, options);
        }
        catch (XmlException ex)
        {
            // Some XmlExceptions (e.g. the DTD refusal) carry no position; the reader still knows where it is.
            var info = reader as IXmlLineInfo;
            var line = ex.LineNumber > 0 ? ex.LineNumber : info?.LineNumber ?? 0;
            var position = ex.LineNumber > 0 ? ex.LinePosition : info?.LinePosition ?? 0;
            var where = line > 0 ? $"line {line}, position {position}" : "document prolog";
            throw new StatementFormatException($"{file}: {where}: malformed XML: {XmlErrorText.Describe(ex)}", ex);
        }
        finally
        {
            reader?.Dispose();
        }
    }

    /// <summary>Version 001.01 names its message elements with a suffix (BkToCstmrAcctRptV01).</summary>
    private static string MessageName(string localName) =>
        localName.Length > 3 && localName[^3] == 'V' && char.IsAsciiDigit(localName[^2]) && char.IsAsciiDigit(localName[^1]) ? localName[..^3] : localName;

    private static ParseResult ReadMessage(XmlReader reader, string file, StatementParseOptions options)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && Messages.ContainsKey(MessageName(reader.LocalName)))
            {
                break;
            }
        }
        if (reader.NodeType != XmlNodeType.Element || !Messages.TryGetValue(MessageName(reader.LocalName), out var message))
        {
            throw new StatementFormatException($"{file}: expected a camt message element BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn, none found");
        }

        var rootName = reader.LocalName;
        var ns = reader.NamespaceURI;
        var fileWarnings = new List<StatementWarning>();
        var kind = message.Kind;
        if (!ns.StartsWith(CamtNamespacePrefix, StringComparison.Ordinal))
        {
            fileWarnings.Add(StatementWarningCodes.NamespaceUnknown, $"{file}: /Document/{rootName}: namespace '{ns}' is not an ISO 20022 camt namespace; read as {kind} by element name");
        }
        else if (!ns.StartsWith("urn:iso:std:iso:20022:tech:xsd:" + kind + ".001.", StringComparison.Ordinal))
        {
            throw new StatementFormatException($"{file}: /Document/{rootName}: namespace '{ns}' does not belong to {kind}");
        }

        var elements = new CamtElements(new CamtSubtree(ns));
        var statementReader = new CamtStatementReader(elements, kind, file, options);
        var statements = new StatementCollector(options);
        var depth = reader.Depth;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == message.StatementElement && reader.NamespaceURI == ns)
                {
                    statements.Add(statementReader.Read(reader, $"/Document/{rootName}/{message.StatementElement}[{statements.Count + 1}]", statements.Count));
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }
        }
        // Read to the end so that a truncated or malformed tail is still reported.
        while (reader.Read())
        {
        }
        if (statements.Count == 0)
        {
            throw new StatementFormatException($"{file}: /Document/{rootName}: expected at least one {message.StatementElement} element, none found");
        }
        return new ParseResult { Format = kind, Statements = statements.Statements, Warnings = fileWarnings };
    }
}
