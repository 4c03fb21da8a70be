using System.Text;
using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>Start and end tags, attributes and namespace declarations (ASCII names only; anything unusual is declined).</summary>
internal sealed partial class CamtFastXmlReader
{
    private void ReadStartTag()
    {
        if (_rootClosed)
        {
            throw new Declined(); // a second root element
        }
        var gt = Find(">"u8, 1);
        if (gt < 0)
        {
            throw new Declined();
        }
        var line = _line;
        var i = _position + 1;
        var (prefix, local) = ReadQualifiedName(ref i, gt);
        var nameEnd = i;
        var depth = _open.Count;
        _attributes.Clear();
        var empty = false;
        while (true)
        {
            var beforeSpace = i;
            while (i < gt && IsSpace(_buffer[i]))
            {
                i++;
            }
            if (i == gt)
            {
                break;
            }
            if (_buffer[i] == '/' && i + 1 == gt)
            {
                empty = true;
                break;
            }
            if (i == beforeSpace)
            {
                throw new Declined(); // attributes must be separated by whitespace
            }
            ReadAttribute(ref i, gt, depth);
        }
        CheckAttributes();

        if (prefix.Length == 0)
        {
            _namespaceUri = LookupScope("");
        }
        else
        {
            _namespaceUri = prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase) ? throw new Declined() : LookupScope(prefix);
        }
        _localName = local;
        _nodeType = XmlNodeType.Element;
        _segmentHasComment = _segmentHasText = false;
        _depth = depth;
        _isEmpty = empty;
        _nodeLine = line;
        if (!empty)
        {
            var qualifiedName = prefix.Length == 0 ? local : Atomise(_position + 1, nameEnd - _position - 1);
            _open.Add(new OpenElement(qualifiedName, local, _namespaceUri));
        }
        else if (depth == 0)
        {
            _rootClosed = true;
        }
        CountLines(_position, gt + 1);
        _position = gt + 1;
    }

    private void ReadEndTag()
    {
        var gt = Find(">"u8, 2);
        if (gt < 0 || _open.Count == 0)
        {
            throw new Declined();
        }
        var open = _open[^1];
        var name = _buffer.AsSpan(_position + 2, gt - _position - 2).TrimEnd(" \t\r\n"u8);
        if (!Ascii.Equals(name, open.QualifiedName))
        {
            throw new Declined(); // mismatched end tag
        }
        _open.RemoveAt(_open.Count - 1);
        _nodeType = XmlNodeType.EndElement;
        _segmentHasComment = _segmentHasText = false;
        _localName = open.LocalName;
        _namespaceUri = open.NamespaceUri;
        _depth = _open.Count;
        _isEmpty = false;
        _nodeLine = _line;
        _rootClosed = _open.Count == 0;
        CountLines(_position, gt + 1);
        _position = gt + 1;
    }

    /// <summary>name S? = S? "value" | 'value', the value ASCII without '&lt;' or '&amp;' (so it holds no references).</summary>
    private void ReadAttribute(ref int i, int gt, int depth)
    {
        var (prefix, local) = ReadQualifiedName(ref i, gt);
        while (i < gt && IsSpace(_buffer[i]))
        {
            i++;
        }
        if (i >= gt || _buffer[i] != '=')
        {
            throw new Declined();
        }
        i++;
        while (i < gt && IsSpace(_buffer[i]))
        {
            i++;
        }
        if (i >= gt || _buffer[i] is not ((byte)'"' or (byte)'\''))
        {
            throw new Declined();
        }
        var quote = _buffer[i];
        var start = i + 1;
        var length = _buffer.AsSpan(start, gt - start).IndexOf(quote);
        if (length < 0 || _buffer.AsSpan(start, length).IndexOfAnyExcept(AttributeText) >= 0)
        {
            throw new Declined(); // unterminated before '>', or a character that would need normalising or expanding
        }
        i = start + length + 1;
        _attributes.Add(new Attribute(prefix, local, start, length));

        if (prefix.Length == 0 && local == "xmlns")
        {
            DeclareNamespace("", start, length, depth);
        }
        else if (prefix == "xmlns")
        {
            if (length == 0 || local.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
            {
                throw new Declined();
            }
            DeclareNamespace(local, start, length, depth);
        }
    }

    private void DeclareNamespace(string prefix, int start, int length, int depth)
    {
        var uri = _names.Add(Encoding.ASCII.GetString(_buffer, start, length));
        if (uri is XmlNamespace or XmlnsNamespace || _buffer.AsSpan(start, length).IndexOfAny(LineBreaksAndTabs) >= 0)
        {
            throw new Declined();
        }
        _scopes.Add((prefix, uri, depth));
    }

    /// <summary>Every attribute prefix bound, and no attribute twice (a shared local name under two prefixes is declined too).</summary>
    private void CheckAttributes()
    {
        for (var a = 0; a < _attributes.Count; a++)
        {
            var attribute = _attributes[a];
            if (attribute.Prefix.Length > 0 && attribute.Prefix != "xmlns")
            {
                if (attribute.Prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
                {
                    throw new Declined(); // xml:space and xml:lang change how XmlReader reports text
                }
                LookupScope(attribute.Prefix);
            }
            for (var b = 0; b < a; b++)
            {
                var other = _attributes[b];
                if (other.LocalName == attribute.LocalName && (other.Prefix == attribute.Prefix || (other.Prefix.Length > 0 && attribute.Prefix.Length > 0)))
                {
                    throw new Declined();
                }
            }
        }
    }

    private string LookupScope(string prefix)
    {
        for (var s = _scopes.Count - 1; s >= 0; s--)
        {
            if (_scopes[s].Prefix == prefix)
            {
                return _scopes[s].Uri;
            }
        }
        throw new Declined(); // undeclared prefix
    }

    /// <summary>ASCII (prefix:)?local name starting at <paramref name="i"/>; names are atomised in the reader's table.</summary>
    private (string Prefix, string Local) ReadQualifiedName(ref int i, int gt)
    {
        var first = ReadName(ref i, gt);
        if (i < gt && _buffer[i] == ':')
        {
            i++;
            var second = ReadName(ref i, gt);
            if (i < gt && _buffer[i] == ':')
            {
                throw new Declined();
            }
            return (first, second);
        }
        return ("", first);
    }

    private string ReadName(ref int i, int gt)
    {
        var start = i;
        if (i >= gt || !(char.IsAsciiLetter((char)_buffer[i]) || _buffer[i] == '_'))
        {
            throw new Declined();
        }
        i++;
        while (i < gt && (char.IsAsciiLetterOrDigit((char)_buffer[i]) || _buffer[i] is (byte)'_' or (byte)'-' or (byte)'.'))
        {
            i++;
        }
        return Atomise(start, i - start);
    }

    /// <summary>
    /// The name table's string for an ASCII name in the buffer. A small direct-mapped cache, checked byte for byte,
    /// answers the names a statement repeats on every entry without converting and hashing them again.
    /// </summary>
    private string Atomise(int start, int length)
    {
        var bytes = _buffer.AsSpan(start, length);
        var slot = (length * 31 + bytes[0] * 7 + bytes[^1]) & (_recentNames.Length - 1);
        var cached = _recentNames[slot];
        if (cached is not null && cached.Length == length && Ascii.Equals(bytes, cached))
        {
            return cached;
        }
        return _recentNames[slot] = AddToNameTable(bytes);
    }

    private string AddToNameTable(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        if (_scratch.Length < length)
        {
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        }
        Ascii.ToUtf16(bytes, _scratch, out _);
        return _names.Add(_scratch, 0, length);
    }
}
