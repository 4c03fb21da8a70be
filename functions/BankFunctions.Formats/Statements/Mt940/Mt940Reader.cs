namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// Reads SWIFT MT940 (customer statement) and MT942 (interim transaction report), one line at a time: with or without
/// the FIN envelope {1:}{2:}{4: … -}, with bank header lines or preambles before :20:, several statements per file.
/// </summary>
internal sealed class Mt940Reader
{
    private readonly string _file;
    private readonly List<Statement> _statements = [];
    private readonly List<string> _fileWarnings = [];
    private Mt940StatementBuilder? _current;
    private string _messageKind = StatementKinds.Mt940;

    private string? _tag;
    private readonly List<string> _fieldLines = [];
    private long _fieldLine;

    private readonly StatementParseOptions _options;

    private Mt940Reader(string file, StatementParseOptions options)
    {
        _file = file;
        _options = options;
    }

    public static ParseResult Read(Stream stream, string? fileName, StatementParseOptions options)
    {
        var reader = new Mt940Reader(fileName ?? "<input>", options);
        reader.ReadAll(new TextLineReader(stream, reader._file));
        return new ParseResult { Format = reader._statements.Any(s => s.Kind == StatementKinds.Mt942) ? StatementKinds.Mt942 : StatementKinds.Mt940, Statements = reader._statements, Warnings = reader._fileWarnings };
    }

    private void ReadAll(TextLineReader lines)
    {
        var sawField = false;
        while (lines.ReadLine() is { } raw)
        {
            var line = CleanControlCharacters(raw, lines.LineNumber);
            if (lines.LastLineWasLatin1 && _current is not null && !_current.WarnedLatin1)
            {
                _current.WarnedLatin1 = true;
                _current.Warnings.Add($"{_file}: line {lines.LineNumber}: not valid UTF-8; read as ISO-8859-1");
            }

            if (line.StartsWith('{'))
            {
                line = StripEnvelope(line);
                if (line.Length == 0)
                {
                    continue;
                }
            }
            if (line.StartsWith("-}", StringComparison.Ordinal) || line.TrimEnd() == "-")
            {
                EndField();
                FinishStatement();
                continue;
            }
            if (line == ":")
            {
                // Sparkasse splits the tag over two lines (":" then "86:…"); join them back.
                var next = lines.ReadLine();
                if (next is null)
                {
                    break;
                }
                line = ":" + CleanControlCharacters(next, lines.LineNumber);
            }

            if (TryReadTag(line, out var tag, out var value))
            {
                EndField();
                sawField = true;
                _tag = tag;
                _fieldLine = lines.LineNumber;
                _fieldLines.Add(value);
                continue;
            }
            if (_tag is null || _tag is "62F" or "62M" or "64" or "65" || line.Length == 0 && _tag != "86")
            {
                // Preamble, bank header lines (ABNANL2A / 940, BUNQNL2A) or junk between messages.
                continue;
            }
            _fieldLines.Add(line);
        }
        EndField();
        FinishStatement();
        if (!sawField)
        {
            throw StatementFormatException.At(_file, $"line {lines.LineNumber}", "no MT940/MT942 field (:20:, :25:, :60F:, :61: …) found");
        }
        if (_statements.Count == 0)
        {
            throw StatementFormatException.At(_file, $"line {lines.LineNumber}", "no statement found: expected a :20: transaction reference field starting a statement");
        }
    }

    private string StripEnvelope(string line)
    {
        // {1:F01…}{2:O940…N}{3:…}{4: then fields; the message type (940/942) comes from block 2.
        var block2 = line.IndexOf("{2:", StringComparison.Ordinal);
        if (block2 >= 0 && line.Length >= block2 + 7)
        {
            _messageKind = line.AsSpan(block2 + 4, 3) is "942" ? StatementKinds.Mt942 : StatementKinds.Mt940;
        }
        var block4 = line.IndexOf("{4:", StringComparison.Ordinal);
        return block4 >= 0 ? line[(block4 + 3)..] : string.Empty;
    }

    private string CleanControlCharacters(string line, long lineNumber)
    {
        var bad = IndexOfControl(line);
        if (bad < 0)
        {
            return line;
        }
        var message = $"{_file}: line {lineNumber}: control character U+{(int)line[bad]:X4} replaced by a space";
        (_current?.Warnings ?? _fileWarnings).Add(message);
        return string.Create(line.Length, line, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] != '\t' ? ' ' : source[i];
            }
        });
    }

    private static int IndexOfControl(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if ((c < ' ' && c != '\t') || c is >= '\u007f' and <= '\u009f')
            {
                return i;
            }
        }
        return -1;
    }

    private static bool TryReadTag(string line, out string tag, out string value)
    {
        // :NN:, :NNa: (SWIFT tags) and :AA: (bank-specific, e.g. Sberbank :NS:).
        tag = value = string.Empty;
        if (line.Length < 4 || line[0] != ':')
        {
            return false;
        }
        var close = line.IndexOf(':', 1);
        if (close is < 3 or > 4)
        {
            return false;
        }
        var candidate = line.AsSpan(1, close - 1);
        var swift = char.IsAsciiDigit(candidate[0]) && char.IsAsciiDigit(candidate[1]) && (candidate.Length == 2 || char.IsAsciiLetterUpper(candidate[2]));
        var bankSpecific = candidate.Length == 2 && char.IsAsciiLetterUpper(candidate[0]) && char.IsAsciiLetterUpper(candidate[1]);
        if (!swift && !bankSpecific)
        {
            return false;
        }
        tag = candidate.ToString();
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

    private string Where(string tag) => $"{_file}: line {_fieldLine} (:{tag}:)";

    private void ApplyField(string tag)
    {
        if (tag == "20")
        {
            FinishStatement();
            _current = new Mt940StatementBuilder(_file, _messageKind, _options) { Id = _fieldLines[0].Trim() };
            return;
        }
        if (_current is null)
        {
            if (tag is "25" or "28C" or "28" or "60F" or "60M" or "61")
            {
                // Some exports (e.g. Sparkasse snippets) omit :20:; the statement still needs a home.
                _current = new Mt940StatementBuilder(_file, _messageKind, _options);
                _current.Warnings.Add($"{Where(tag)}: statement has no :20: transaction reference");
            }
            else
            {
                _fileWarnings.Add($"{Where(tag)}: field outside any statement ignored");
                return;
            }
        }
        _current.Apply(tag, _fieldLines, _fieldLine);
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
