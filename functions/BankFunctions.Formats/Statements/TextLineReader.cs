using System.Text;

namespace BankFunctions.Formats.Statements;

/// <summary>
/// Reads a byte stream line by line (LF, CRLF or CR) without buffering the file. Each line is decoded as UTF-8 when it
/// is valid UTF-8, else as ISO-8859-1 (what German and Dutch banks send), so that no byte is silently lost.
/// </summary>
internal sealed class TextLineReader
{
    private readonly Stream _stream;
    private readonly string _file;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _length;
    private byte[] _line = new byte[256];
    private bool _pendingCarriageReturn;

    public TextLineReader(Stream stream, string file = "<input>")
    {
        _stream = stream;
        _file = file;
    }

    public long LineNumber { get; private set; }

    /// <summary>True when the last line returned was not valid UTF-8 and was read as ISO-8859-1.</summary>
    public bool LastLineWasLatin1 { get; private set; }

    public string? ReadLine()
    {
        var count = 0;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = _stream.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    return any ? Finish(count) : null;
                }
            }

            if (_pendingCarriageReturn)
            {
                _pendingCarriageReturn = false;
                if (_buffer[_position] == (byte)'\n')
                {
                    _position++;
                    continue;
                }
            }

            var available = _buffer.AsSpan(_position, _length - _position);
            var end = available.IndexOfAny((byte)'\n', (byte)'\r');
            var take = end < 0 ? available.Length : end;
            if (take > 0)
            {
                if (count + take > 1 << 20)
                {
                    throw new StatementFormatException($"{_file}: line {LineNumber + 1}: longer than 1 MiB; not a statement file");
                }
                if (count + take > _line.Length)
                {
                    Array.Resize(ref _line, Math.Max(_line.Length * 2, count + take));
                }
                available[..take].CopyTo(_line.AsSpan(count));
                count += take;
                any = true;
            }
            _position += take;
            if (end >= 0)
            {
                _pendingCarriageReturn = _buffer[_position] == (byte)'\r';
                _position++;
                return Finish(count);
            }
        }
    }

    private string Finish(int count)
    {
        LineNumber++;
        var span = _line.AsSpan(0, count);
        LastLineWasLatin1 = !System.Text.Unicode.Utf8.IsValid(span);
        return LastLineWasLatin1 ? Encoding.Latin1.GetString(span) : Encoding.UTF8.GetString(span);
    }
}
