using System.Xml;

namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// One element (a Ntry, a Bal, …) read from an XmlReader into reusable flat arrays, to be queried like an XElement but
/// without building one per entry. Elements are addressed by index (the loaded element is 0; -1 means "absent", so that
/// lookups chain like XLinq's null-propagating Element calls). All text of the subtree is appended, in document order,
/// to one buffer, so the string value of any element (the concatenation of its descendant text, as XElement.Value) is
/// the contiguous range between where it opened and where it closed.
/// </summary>
internal sealed class CamtSubtree
{
    public const int None = -1;

    private struct Node
    {
        public string LocalName;
        public bool InNamespace;
        public int Parent;
        public int FirstChild;
        public int LastChild;
        public int NextSibling;
        public int TextStart;
        public int TextEnd;
        public string? Currency;
    }

    private readonly string _namespace;
    private Node[] _nodes = new Node[64];
    private int _count;
    private char[] _text = new char[1024];
    private int _textLength;

    /// <param name="ns">The namespace of the camt message; lookups only find elements in it.</param>
    public CamtSubtree(string ns) => _namespace = ns;

    /// <summary>Local name of the loaded element itself, whatever its namespace.</summary>
    public string RootName => _nodes[0].LocalName;

    /// <summary>
    /// Reads the element the reader is on, with everything inside it, and leaves the reader on the node after its end
    /// (as XNode.ReadFrom does). Text, CDATA and significant whitespace count as text, like XLinq's XText nodes.
    /// </summary>
    public void Load(XmlReader reader)
    {
        _count = 0;
        _textLength = 0;
        var open = None;
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = Add(reader, open);
                    if (reader.IsEmptyElement)
                    {
                        _nodes[element].TextEnd = _textLength;
                    }
                    else
                    {
                        open = element;
                    }
                    break;
                case XmlNodeType.EndElement:
                    _nodes[open].TextEnd = _textLength;
                    open = _nodes[open].Parent;
                    break;
                case XmlNodeType.Text when reader is CamtFastXmlReader fast:
                    AppendText(fast.TextSpan);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    AppendText(reader.Value);
                    break;
            }
        }
        while (open != None && reader.Read());
        reader.Read();
    }

    private int Add(XmlReader reader, int parent)
    {
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _count * 2);
        }
        var index = _count++;
        ref var node = ref _nodes[index];
        node.LocalName = reader.LocalName;
        node.InNamespace = string.Equals(reader.NamespaceURI, _namespace, StringComparison.Ordinal);
        node.Parent = parent;
        node.FirstChild = None;
        node.LastChild = None;
        node.NextSibling = None;
        node.TextStart = _textLength;
        node.TextEnd = _textLength;
        // Only amounts carry an attribute the readers use; an unprefixed attribute is never in a namespace.
        node.Currency = reader.HasAttributes ? reader.GetAttribute("Ccy") : null;
        if (parent != None)
        {
            ref var parentNode = ref _nodes[parent];
            if (parentNode.LastChild == None)
            {
                parentNode.FirstChild = index;
            }
            else
            {
                _nodes[parentNode.LastChild].NextSibling = index;
            }
            parentNode.LastChild = index;
        }
        return index;
    }

    private void AppendText(ReadOnlySpan<char> value)
    {
        if (_textLength + value.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + value.Length));
        }
        value.CopyTo(_text.AsSpan(_textLength));
        _textLength += value.Length;
    }

    /// <summary>First child of <paramref name="parent"/> named <paramref name="name"/> in the camt namespace, else None.</summary>
    public int Child(int parent, string name)
    {
        if (parent == None)
        {
            return None;
        }
        for (var child = _nodes[parent].FirstChild; child != None; child = _nodes[child].NextSibling)
        {
            ref var node = ref _nodes[child];
            if (string.Equals(node.LocalName, name, StringComparison.Ordinal) && node.InNamespace)
            {
                return child;
            }
        }
        return None;
    }

    public int Child(int parent, string name, string child) => Child(Child(parent, name), child);

    public int Child(int parent, string name, string child, string grandchild) => Child(Child(Child(parent, name), child), grandchild);

    /// <summary>The next sibling after <paramref name="previous"/> with the same name in the camt namespace, else None.</summary>
    public int NextNamed(int previous)
    {
        var name = _nodes[previous].LocalName;
        for (var sibling = _nodes[previous].NextSibling; sibling != None; sibling = _nodes[sibling].NextSibling)
        {
            ref var node = ref _nodes[sibling];
            if (string.Equals(node.LocalName, name, StringComparison.Ordinal) && node.InNamespace)
            {
                return sibling;
            }
        }
        return None;
    }

    /// <summary>The element's text with surrounding whitespace removed (XElement.Value.Trim()); empty when None.</summary>
    public ReadOnlySpan<char> Trimmed(int element)
    {
        if (element == None)
        {
            return default;
        }
        ref var node = ref _nodes[element];
        return _text.AsSpan(node.TextStart, node.TextEnd - node.TextStart).Trim();
    }

    /// <summary>Trimmed text of the element as a string; null when the element is absent or its text is blank.</summary>
    public string? Text(int element)
    {
        var value = Trimmed(element);
        return value.IsEmpty ? null : value.ToString();
    }

    public string? Text(int parent, string name) => Text(Child(parent, name));

    public string? Text(int parent, string name, string child) => Text(Child(parent, name, child));

    public string? Text(int parent, string name, string child, string grandchild) => Text(Child(parent, name, child, grandchild));

    /// <summary>The element's unprefixed Ccy attribute, or null.</summary>
    public string? Currency(int element) => _nodes[element].Currency;
}
