using System.Text;
using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>The byte scanner behind <see cref="CamtFastXmlReader.Read"/>: one node per call, each token whole in the buffer.</summary>
internal sealed partial class CamtFastXmlReader
{
    public override bool Read()
    {
        switch (_state)
        {
            case ReadState.EndOfFile or ReadState.Closed or ReadState.Error:
                return false;
            case ReadState.Initial:
                ReadProlog();
                _state = ReadState.Interactive;
                break;
        }
        if (_nodeType == XmlNodeType.EndElement || (_nodeType == XmlNodeType.Element && _isEmpty))
        {
            // The element just reported is over: its namespace declarations go out of scope.
            while (_scopes[^1].Depth >= _depth)
            {
                _scopes.RemoveAt(_scopes.Count - 1);
            }
        }
        while (true)
        {
            if (_position >= _end && !Refill())
            {
                return AtEnd();
            }
            if (_buffer[_position] != '<')
            {
                if (ReadText())
                {
                    return true;
                }
                continue;
            }
            if (!Available(2))
            {
                throw new Declined();
            }
            switch (_buffer[_position + 1])
            {
                case (byte)'/':
                    ReadEndTag();
                    return true;
                case (byte)'!':
                    SkipComment();
                    continue;
                case (byte)'?':
                    throw new Declined(); // processing instruction
                default:
                    ReadStartTag();
                    return true;
            }
        }
    }

    private bool AtEnd()
    {
        if (!_rootClosed)
        {
            throw new Declined(); // no root element, or the input ends inside it
        }
        _state = ReadState.EndOfFile;
        _nodeType = XmlNodeType.None;
        _localName = string.Empty;
        _namespaceUri = string.Empty;
        _depth = 0;
        return false;
    }

    /// <summary>An optional UTF-8 byte order mark, then an optional declaration of version 1.0, UTF-8.</summary>
    private void ReadProlog()
    {
        Available(6);
        var head = _buffer.AsSpan(_position, _end - _position);
        if (head.StartsWith("\uFEFF"u8))
        {
            _position += 3;
            head = head[3..];
        }
        if (!head.StartsWith("<?xml"u8) || head.Length < 6 || !IsSpace(head[5]))
        {
            return;
        }
        var close = Find("?>"u8, 5);
        if (close < 0)
        {
            throw new Declined();
        }
        var declaration = _buffer.AsSpan(_position + 5, close - _position - 5);
        if (!IsAcceptedDeclaration(declaration))
        {
            throw new Declined();
        }
        CountLines(_position, close + 2);
        _position = close + 2;
    }

    private static bool IsAcceptedDeclaration(ReadOnlySpan<byte> pseudoAttributes)
    {
        var rest = pseudoAttributes;
        if (!TakePseudoAttribute(ref rest, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
        {
            return false;
        }
        if (TakePseudoAttribute(ref rest, "encoding"u8, out var encoding) && !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
        {
            return false;
        }
        if (TakePseudoAttribute(ref rest, "standalone"u8, out var standalone) && !(standalone.SequenceEqual("yes"u8) || standalone.SequenceEqual("no"u8)))
        {
            return false;
        }
        return rest.TrimStart(" \t\r\n"u8).IsEmpty;
    }

    /// <summary>S name S? = S? "value" (or 'value'); consumed only when present.</summary>
    private static bool TakePseudoAttribute(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var s = rest.TrimStart(" \t\r\n"u8);
        if (s.Length == rest.Length || !s.StartsWith(name))
        {
            return false;
        }
        s = s[name.Length..].TrimStart(" \t\r\n"u8);
        if (s.IsEmpty || s[0] != '=')
        {
            return false;
        }
        s = s[1..].TrimStart(" \t\r\n"u8);
        if (s.IsEmpty || s[0] is not ((byte)'"' or (byte)'\''))
        {
            return false;
        }
        var end = s[1..].IndexOf(s[0]);
        if (end < 0)
        {
            return false;
        }
        value = s.Slice(1, end);
        rest = s[(end + 2)..];
        return true;
    }

    /// <summary>A comment (ignored); not next to non-whitespace text inside the root, see _segmentHasComment.</summary>
    private void SkipComment()
    {
        if (!Available(4) || !_buffer.AsSpan(_position).StartsWith("<!--"u8) || _segmentHasText)
        {
            throw new Declined(); // CDATA, DOCTYPE, or a comment next to text
        }
        _segmentHasComment = _open.Count > 0;
        var dashes = Find("--"u8, 4);
        if (dashes < 0)
        {
            throw new Declined();
        }
        if (dashes + 2 >= _end)
        {
            var relative = dashes - _position;
            if (!Refill())
            {
                throw new Declined();
            }
            dashes = _position + relative;
        }
        // "--" must end the comment, and its text is taken as plain ASCII only.
        if (_buffer[dashes + 2] != '>' || _buffer.AsSpan(_position + 4, dashes - _position - 4).IndexOfAnyExcept(CommentText) >= 0)
        {
            throw new Declined();
        }
        CountLines(_position, dashes + 3);
        _position = dashes + 3;
    }

    /// <summary>The position of <paramref name="value"/> at or after _position + <paramref name="offset"/>, reading more as needed; -1 at the end of the input.</summary>
    private int Find(ReadOnlySpan<byte> value, int offset)
    {
        while (true)
        {
            var from = _position + offset;
            var found = from <= _end ? _buffer.AsSpan(from, _end - from).IndexOf(value) : -1;
            if (found >= 0)
            {
                return from + found;
            }
            offset = Math.Max(offset, _end - _position - value.Length + 1);
            if (!Refill())
            {
                return -1;
            }
        }
    }

    /// <summary>True when at least <paramref name="count"/> unread bytes are in the buffer (reading more as needed).</summary>
    private bool Available(int count)
    {
        while (_end - _position < count)
        {
            if (!Refill())
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Moves the unread bytes to the front and reads more; false when the stream has ended.</summary>
    private bool Refill()
    {
        if (_streamEnded)
        {
            return false;
        }
        if (_position > 0)
        {
            _buffer.AsSpan(_position, _end - _position).CopyTo(_buffer);
            _end -= _position;
            _position = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBufferSize)
            {
                throw new Declined();
            }
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _streamEnded = true;
            return false;
        }
        _end += read;
        return true;
    }

    /// <summary>Advances the line number over [from, to): LF, CR LF and a lone CR each end a line, as XmlReader counts them.</summary>
    private void CountLines(int from, int to)
    {
        var span = _buffer.AsSpan(from, to - from);
        _line += span.Count((byte)'\n');
        var cr = span.IndexOf((byte)'\r');
        while (cr >= 0)
        {
            var next = from + cr + 1;
            if (next >= _end || _buffer[next] != '\n')
            {
                _line++;
            }
            var after = span[(cr + 1)..].IndexOf((byte)'\r');
            cr = after < 0 ? -1 : cr + 1 + after;
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
