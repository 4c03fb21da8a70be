using System.Buffers;

namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// Reads SWIFT MT940 (customer statement) and MT942 (interim transaction report), one line at a time: with or without
/// the FIN envelope {1:}{2:}{4: … -}, with bank header lines or preambles before :20:, several statements per file.
/// </summary>
internal sealed class Mt940Reader
{
    // What char.IsControl calls a control character, except tab.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Where(c => c != '\t').Select(c => (char)c).ToArray());

    private readonly string _file;
    private readonly StatementCollector _statements;
    private readonly List<StatementWarning> _fileWarnings = [];
    private Mt940StatementBuilder? _current;
    private string _messageKind = StatementKinds.Mt940;

    private string? _tag;
    private readonly FieldLines _fieldLines = new();
    private readonly FieldLocation _fieldLocation;

    private readonly StatementParseOptions _options;
    private bool _afterMessageEnd;
    private long _textAfterLastMessage; // first line of text after a message end that no further field followed

    private Mt940Reader(string file, StatementParseOptions options)
    {
        _file = file;
        _options = options;
        _statements = new StatementCollector(options);
        _fieldLocation = new FieldLocation(file);
    }

    public static ParseResult Read(Stream stream, string? fileName, StatementParseOptions options)
    {
        var reader = new Mt940Reader(fileName ?? "<input>", options);
        reader.ReadAll(new TextLineReader(stream, reader._file));
        return new ParseResult { Format = reader._statements.HasKind(StatementKinds.Mt942) ? StatementKinds.Mt942 : StatementKinds.Mt940, Statements = reader._statements.Statements, Warnings = reader._fileWarnings };
    }

    private void ReadAll(TextLineReader lines)
    {
        var sawField = false;
        while (lines.TryReadLine(out var raw))
        {
            if (lines.LineNumber == 1 && lines.SkippedByteOrderMark)
            {
                // SWIFT's character set has no U+FEFF; Windows tools put it before ':20:', which then goes unrecognised.
                _fileWarnings.Tolerate(_options, StatementWarningCodes.ByteOrderMark, $"{_file}: line 1: byte order mark (U+FEFF) before the first field; skipped");
            }
            CleanControlCharacters(raw, lines.LineNumber, out var leading);
            // Transmission framing before a field (SOH before {1:, a DOS end-of-file byte glued to :20:) is dropped, so
            // that the field is still seen; elsewhere control characters stay as spaces.
            ReadOnlySpan<char> line = raw[leading..];
            if (lines.LastLineWasLatin1 && _current is not null && !_current.WarnedLatin1)
            {
                _current.WarnedLatin1 = true;
                _current.Warnings.Add(StatementWarningCodes.EncodingLatin1, $"{_file}: line {lines.LineNumber}: not valid UTF-8; read as ISO-8859-1");
            }

            if (line.StartsWith('{'))
            {
                line = StripEnvelope(line);
                if (line.Length == 0)
                {
                    continue;
                }
            }
            if (line.StartsWith("-}", StringComparison.Ordinal) || line.TrimEnd() is "-")
            {
                EndField();
                FinishStatement();
                var after = line.StartsWith("-}", StringComparison.Ordinal) ? line[2..].Trim() : [];
                if (!after.IsEmpty && after[0] != '{')
                {
                    // "-}" ends block 4; only further blocks ({5:…} trailer, the next {1:…}) may follow it.
                    _fileWarnings.Tolerate(_options, StatementWarningCodes.TextAfterMessageEnd, $"{_file}: line {lines.LineNumber}: text after the message end '-}}' ignored: '{Camt.CamtElements.Truncate(after)}'");
                }
                _afterMessageEnd = true;
                continue;
            }
            if (line is ":")
            {
                // Sparkasse splits the tag over two lines (":" then "86:…"); join them back.
                if (!lines.TryReadLine(out var next))
                {
                    break;
                }
                CleanControlCharacters(next, lines.LineNumber, out _);
                line = string.Concat(":", next);
            }

            if (TryReadTag(line, out var tag, out var value))
            {
                EndField();
                sawField = true;
                _afterMessageEnd = false;
                _textAfterLastMessage = 0;
                _tag = tag;
                _fieldLocation.Line = lines.LineNumber;
                _fieldLocation.Tag = tag;
                _fieldLines.Add(value);
                continue;
            }
            if (_tag is null || _tag is "62F" or "62M" or "64" or "65" || line.Length == 0 && _tag != "86")
            {
                // Preamble, bank header lines (ABNANL2A / 940, BUNQNL2A) or junk between messages.
                // Only printable text counts: NUL padding, a DOS end-of-file byte or ETX framing are control characters,
                // named as such above.
                if (_afterMessageEnd && _textAfterLastMessage == 0 && !line.IsWhiteSpace())
                {
                    _textAfterLastMessage = lines.LineNumber;
                }
                continue;
            }
            _fieldLines.Add(line);
        }
        EndField();
        FinishStatement();
        if (_textAfterLastMessage > 0)
        {
            // Header lines before a message are expected; text after the last message starts nothing.
            _fileWarnings.Tolerate(_options, StatementWarningCodes.TextAfterMessageEnd, $"{_file}: line {_textAfterLastMessage}: text after the last message's end ignored");
        }
        if (!sawField)
        {
            throw StatementFormatException.At(_file, $"line {lines.LineNumber}", "no MT940/MT942 field (:20:, :25:, :60F:, :61: …) found");
        }
        if (_statements.Count == 0)
        {
            throw StatementFormatException.At(_file, $"line {lines.LineNumber}", "no statement found: expected a :20: transaction reference field starting a statement");
        }
    }

    private ReadOnlySpan<char> StripEnvelope(ReadOnlySpan<char> line)
    {
        // {1:F01…}{2:O940…N}{3:…}{4: then fields; the message type (940/942) comes from block 2.
        var block2 = line.IndexOf("{2:", StringComparison.Ordinal);
        if (block2 >= 0 && line.Length >= block2 + 7)
        {
            _messageKind = line.Slice(block2 + 4, 3) is "942" ? StatementKinds.Mt942 : StatementKinds.Mt940;
        }
        var block4 = line.IndexOf("{4:", StringComparison.Ordinal);
        return block4 >= 0 ? line[(block4 + 3)..] : [];
    }

    /// <summary>
    /// Replaces control characters (NUL, stray CRs, C1 codes from mis-decoded text) by spaces, in place, and says how
    /// many of them the line starts with.
    /// </summary>
    private void CleanControlCharacters(Span<char> line, long lineNumber, out int leading)
    {
        leading = 0;
        var bad = line.IndexOfAny(ControlCharacters);
        if (bad < 0)
        {
            return;
        }
        leading = line.IndexOfAnyExcept(ControlCharacters);
        leading = leading < 0 ? line.Length : leading;
        var message = $"{_file}: line {lineNumber}: control character U+{(int)line[bad]:X4} replaced by a space";
        (_current?.Warnings ?? _fileWarnings).Add(StatementWarningCodes.ControlCharacter, message);
        for (var i = bad; i < line.Length; i++)
        {
            if (char.IsControl(line[i]) && line[i] != '\t')
            {
                line[i] = ' ';
            }
        }
    }

    private static bool TryReadTag(ReadOnlySpan<char> line, out string tag, out ReadOnlySpan<char> value)
    {
        // :NN:, :NNa: (SWIFT tags) and :AA: (bank-specific, e.g. Sberbank :NS:).
        tag = string.Empty;
        value = [];
        if (line.Length < 4 || line[0] != ':')
        {
            return false;
        }
        var close = line[1..].IndexOf(':') + 1;
        if (close is < 3 or > 4)
        {
            return false;
        }
        var candidate = line[1..close];
        var swift = char.IsAsciiDigit(candidate[0]) && char.IsAsciiDigit(candidate[1]) && (candidate.Length == 2 || char.IsAsciiLetterUpper(candidate[2]));
        var bankSpecific = candidate.Length == 2 && char.IsAsciiLetterUpper(candidate[0]) && char.IsAsciiLetterUpper(candidate[1]);
        if (!swift && !bankSpecific)
        {
            return false;
        }
        tag = ShortStrings.Get(candidate);
        value = line[(close + 1)..];
        return true;
    }

    private void EndField()
    {
        if (_tag is null)
        {
            return;
        }
        var tag = _tag;
        _tag = null;
        try
        {
            ApplyField(tag);
        }
        finally
        {
            _fieldLines.Clear();
        }
    }

    private void ApplyField(string tag)
    {
        if (tag == "20")
        {
            FinishStatement();
            _current = new Mt940StatementBuilder(_file, _messageKind, _options, _statements.Count) { Id = _fieldLines[0].Trim().ToString() };
            return;
        }
        if (_current is null)
        {
            if (tag is "25" or "28C" or "28" or "60F" or "60M" or "61")
            {
                // Some exports (e.g. Sparkasse snippets) omit :20:; the statement still needs a home.
                _current = new Mt940StatementBuilder(_file, _messageKind, _options, _statements.Count);
                _current.Warnings.Add(StatementWarningCodes.ReferenceMissing, $"{_fieldLocation}: statement has no :20: transaction reference");
            }
            else
            {
                _fileWarnings.Add(StatementWarningCodes.FieldOutsideStatement, $"{_fieldLocation}: field outside any statement ignored");
                return;
            }
        }
        _current.Apply(tag, _fieldLines, _fieldLocation);
    }

    private void FinishStatement()
    {
        if (_current is not null)
        {
            _statements.Add(_current.Build());
            _current = null;
        }
    }
}
