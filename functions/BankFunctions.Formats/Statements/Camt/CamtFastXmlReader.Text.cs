using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Character data: whitespace-only runs skipped, other text decoded as XmlReader reports it (or declined).</summary>
internal sealed partial class CamtFastXmlReader
{
    /// <summary>A run of character data up to the next '&lt;'. Returns false when it is whitespace only (ignored, as with IgnoreWhitespace).</summary>
    private bool ReadText()
    {
        var lt = Find("<"u8, 0);
        if (lt < 0)
        {
            // Trailing whitespace after the root is fine; anything else at the end of the input is not.
            if (_open.Count > 0 || _buffer.AsSpan(_position, _end - _position).IndexOfAnyExcept(Whitespace) >= 0)
            {
                throw new Declined();
            }
            _position = _end;
            return false;
        }
        var run = _buffer.AsSpan(_position, lt - _position);
        var line = _line;
        if (run.IndexOfAnyExcept(Whitespace) < 0)
        {
            CountLines(_position, lt);
            _position = lt;
            return false;
        }
        if (_open.Count == 0 || _segmentHasComment)
        {
            throw new Declined(); // text outside the root element, or next to a comment
        }
        _segmentHasText = true;
        Decode(run);
        CountLines(_position, lt);
        _position = lt;
        _nodeType = XmlNodeType.Text;
        _localName = string.Empty;
        _namespaceUri = string.Empty;
        _depth = _open.Count;
        _isEmpty = false;
        _nodeLine = line;
        return true;
    }

    /// <summary>Text bytes to UTF-16 as XmlReader reports them: CR LF and lone CR become LF, references are replaced.</summary>
    private void Decode(ReadOnlySpan<byte> run)
    {
        if (_text.Length < run.Length)
        {
            _text = new char[Math.Max(run.Length, _text.Length * 2)];
        }
        var length = 0;
        while (!run.IsEmpty)
        {
            var plain = run.IndexOfAnyExcept(PlainText);
            if (plain < 0)
            {
                plain = run.Length;
            }
            Ascii.ToUtf16(run[..plain], _text.AsSpan(length), out var written);
            length += written;
            run = run[plain..];
            if (run.IsEmpty)
            {
                break;
            }
            switch (run[0])
            {
                case (byte)'\r':
                    _text[length++] = '\n';
                    run = run.Length > 1 && run[1] == '\n' ? run[2..] : run[1..];
                    break;
                case (byte)'&':
                    _text[length++] = ReadReference(ref run);
                    break;
                case (byte)']':
                    if (run.StartsWith("]]>"u8))
                    {
                        throw new Declined();
                    }
                    _text[length++] = ']';
                    run = run[1..];
                    break;
                case >= 0x80:
                    var multiByte = run.IndexOfAnyInRange((byte)0, (byte)0x7F);
                    var bytes = multiByte < 0 ? run : run[..multiByte];
                    if (Utf8.ToUtf16(bytes, _text.AsSpan(length), out _, out var chars, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done
                        || _text.AsSpan(length, chars).IndexOfAnyInRange('\u007F', '\u009F') >= 0
                        || _text.AsSpan(length, chars).IndexOfAny('\uFFFE', '\uFFFF') >= 0)
                    {
                        throw new Declined(); // invalid UTF-8, or characters XML (or this reader) does not take as they are
                    }
                    length += chars;
                    run = run[bytes.Length..];
                    break;
                default:
                    throw new Declined(); // a control character
            }
        }
        _textLength = length;
    }

    /// <summary>&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos; or a character reference to printable ASCII; anything else is declined.</summary>
    private static char ReadReference(ref ReadOnlySpan<byte> run)
    {
        var semicolon = run[..Math.Min(run.Length, 12)].IndexOf((byte)';');
        if (semicolon < 0)
        {
            throw new Declined();
        }
        var name = run[1..semicolon];
        run = run[(semicolon + 1)..];
        int value;
        if (name.SequenceEqual("lt"u8)) value = '<';
        else if (name.SequenceEqual("gt"u8)) value = '>';
        else if (name.SequenceEqual("amp"u8)) value = '&';
        else if (name.SequenceEqual("quot"u8)) value = '"';
        else if (name.SequenceEqual("apos"u8)) value = '\'';
        else if (name.Length > 2 && name[0] == '#' && name[1] == 'x') value = ParseDigits(name[2..], 16);
        else if (name.Length > 1 && name[0] == '#') value = ParseDigits(name[1..], 10);
        else throw new Declined();
        // Whitespace references would decide whether a text node counts as whitespace; left to XmlReader with the rest.
        return value is > 0x20 and < 0x7F ? (char)value : throw new Declined();
    }

    private static int ParseDigits(ReadOnlySpan<byte> digits, int radix)
    {
        var value = 0;
        foreach (var b in digits)
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' when radix == 16 => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when radix == 16 => b - 'A' + 10,
                _ => throw new Declined(),
            };
            value = value * radix + digit;
        }
        return value;
    }
}
