using System.Buffers;
using System.Text;
using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// A forward-only reader for the plain UTF-8 XML that banks actually send (elements, attributes, namespaces, text with
/// the five predefined entities and character references, comments between elements), several times faster than
/// XmlReader because it works on the bytes and only does what the camt readers need. It is deliberately narrow: anything else, including anything malformed, makes it
/// throw <see cref="Declined"/> before the node concerned is returned, and the caller then rereads the whole input
/// with the framework's XmlReader. So documents it accepts read exactly as with XmlReader (IgnoreWhitespace,
/// IgnoreComments, no DTD), and every error message, DTD refusal and line number still comes from XmlReader.
/// Only what the camt readers use is implemented (Read, names, depth, text, GetAttribute, line numbers).
/// </summary>
internal sealed partial class CamtFastXmlReader : XmlReader, IXmlLineInfo
{
    /// <summary>The input is outside what this reader handles; reread it with XmlReader.</summary>
    public sealed class Declined : Exception
    {
        public Declined() : base("outside the fast camt reader's subset") { }
    }

    private const int MaxBufferSize = 4 * 1024 * 1024; // a longer single token is declined (XmlReader reads it instead)
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    // Bytes of text content that need no attention: tab, LF and printable ASCII except '<', '&' and ']' ("]]>" is illegal).
    private static readonly SearchValues<byte> PlainText = SearchValues.Create(
        [(byte)'\t', (byte)'\n', .. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b).Where(b => b is not ((byte)'<' or (byte)'&' or (byte)']'))]);
    private static readonly SearchValues<byte> CommentText = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b)]);
    // Attribute values: whitespace (normalised to spaces when read) and printable ASCII except '<' and '&' (no references).
    private static readonly SearchValues<byte> AttributeText = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b).Where(b => b is not ((byte)'<' or (byte)'&'))]);
    private static readonly SearchValues<byte> LineBreaksAndTabs = SearchValues.Create("\t\r\n"u8);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly XmlNameTable _names;
    private byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _end;
    private bool _streamEnded;

    private ReadState _state = ReadState.Initial;
    private XmlNodeType _nodeType;
    private string _localName = string.Empty;
    private string _namespaceUri = string.Empty;
    private int _depth;
    private bool _isEmpty;
    private int _line = 1;
    private int _nodeLine;
    private bool _rootClosed;
    // Between two tags: whether a comment or non-whitespace text was seen. Only one of them is accepted, since how
    // XmlReader splits (and classifies as whitespace) text around an ignored comment is left to XmlReader.
    private bool _segmentHasComment;
    private bool _segmentHasText;

    private readonly List<OpenElement> _open = [];
    private readonly List<(string Prefix, string Uri, int Depth)> _scopes = [];
    private readonly List<Attribute> _attributes = [];
    private char[] _text = new char[1024];
    private int _textLength;
    private char[] _scratch = new char[256];
    private readonly string?[] _recentNames = new string?[256];
    private string? _lastCurrency;

    private readonly record struct OpenElement(string QualifiedName, string LocalName, string NamespaceUri);

    private readonly record struct Attribute(string Prefix, string LocalName, int ValueStart, int ValueLength);

    public CamtFastXmlReader(Stream stream, XmlNameTable names)
    {
        _stream = stream;
        _names = names;
        _scopes.Add(("", names.Add(""), -1));
    }

    public override XmlNodeType NodeType => _nodeType;
    public override string LocalName => _localName;
    public override string NamespaceURI => _namespaceUri;
    public override string Prefix => throw new NotSupportedException();
    public override string Value => _nodeType == XmlNodeType.Text ? new string(_text, 0, _textLength) : string.Empty;
    public override int Depth => _depth;
    public override bool IsEmptyElement => _isEmpty;
    public override bool EOF => _state == ReadState.EndOfFile;
    public override ReadState ReadState => _state;
    public override XmlNameTable NameTable => _names;
    public override string BaseURI => string.Empty;
    public override int AttributeCount => _nodeType == XmlNodeType.Element ? _attributes.Count : 0;

    public int LineNumber => _nodeLine;
    public int LinePosition => 0;
    public bool HasLineInfo() => true;

    /// <summary>The current text node's value, without allocating a string.</summary>
    public ReadOnlySpan<char> TextSpan => _text.AsSpan(0, _textLength);

    /// <summary>Value of the unprefixed attribute <paramref name="name"/> of the current element, else null.</summary>
    public override string? GetAttribute(string name)
    {
        if (_nodeType != XmlNodeType.Element)
        {
            return null;
        }
        foreach (var attribute in _attributes)
        {
            if (attribute.Prefix.Length == 0 && attribute.LocalName == name)
            {
                var value = _buffer.AsSpan(attribute.ValueStart, attribute.ValueLength);
                if (value.IndexOfAny(LineBreaksAndTabs) >= 0)
                {
                    // Attribute-value normalisation: CR LF, CR, LF and tab each become one space.
                    return Encoding.ASCII.GetString(value).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');
                }
                // Amounts repeat their currency; reuse the last string while it matches.
                if (_lastCurrency is null || !Ascii.Equals(value, _lastCurrency))
                {
                    _lastCurrency = Encoding.ASCII.GetString(value);
                }
                return _lastCurrency;
            }
        }
        return null;
    }

    public override string? GetAttribute(string name, string? namespaceURI) => throw new NotSupportedException();
    public override string GetAttribute(int i) => throw new NotSupportedException();
    public override string? LookupNamespace(string prefix) => throw new NotSupportedException();
    public override bool MoveToAttribute(string name) => throw new NotSupportedException();
    public override bool MoveToAttribute(string name, string? ns) => throw new NotSupportedException();
    public override bool MoveToElement() => false; // never on an attribute
    public override bool MoveToFirstAttribute() => throw new NotSupportedException();
    public override bool MoveToNextAttribute() => throw new NotSupportedException();
    public override bool ReadAttributeValue() => throw new NotSupportedException();
    public override void ResolveEntity() => throw new NotSupportedException();
}
