namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// The lines of the field being read (the first without its tag), back to back in one reusable buffer, so that reading
/// a file makes no string per line: strings are made only for the values a statement keeps.
/// </summary>
internal sealed class FieldLines
{
    private char[] _text = new char[4096];
    private int _length;
    private int[] _ends = new int[16];
    private char[] _joined = new char[4096];

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] => _text.AsSpan(Start(index), _ends[index] - Start(index));

    public void Add(ReadOnlySpan<char> line)
    {
        if (_length + line.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + line.Length));
        }
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }
        line.CopyTo(_text.AsSpan(_length));
        _length += line.Length;
        _ends[Count++] = _length;
    }

    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    /// <summary>Lines <paramref name="from"/> to <paramref name="to"/> (exclusive) with nothing between them.</summary>
    public ReadOnlySpan<char> Concatenated(int from, int to) => _text.AsSpan(Start(from), Start(to) - Start(from));

    /// <summary>All lines with nothing between them (how :86: subfields continue from one line to the next).</summary>
    public ReadOnlySpan<char> Concatenated() => _text.AsSpan(0, _length);

    /// <summary>Lines from <paramref name="from"/> on, one per line; the span is valid until the next call.</summary>
    public ReadOnlySpan<char> Joined(int from = 0)
    {
        if (from >= Count)
        {
            return [];
        }
        var start = Start(from);
        var needed = _length - start + Count - from - 1;
        if (_joined.Length < needed)
        {
            _joined = new char[Math.Max(_joined.Length * 2, needed)];
        }
        var written = 0;
        for (var i = from; i < Count; i++)
        {
            if (i > from)
            {
                _joined[written++] = '\n';
            }
            var line = this[i];
            line.CopyTo(_joined.AsSpan(written));
            written += line.Length;
        }
        return _joined.AsSpan(0, written);
    }

    private int Start(int index) => index == 0 ? 0 : _ends[index - 1];
}
