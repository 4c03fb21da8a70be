using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BankFunctions.Formats.Statements;

/// <summary>
/// Reads a byte stream line by line (LF, CRLF or CR) without buffering the file. Each line is decoded as UTF-8 when it
/// is valid UTF-8, else as ISO-8859-1 (what German and Dutch banks send), so that no byte is silently lost.
/// Lines are decoded into one reusable char buffer rather than into a string each: a statement file has hundreds of
/// thousands of lines and the caller keeps only a few values of them.
/// </summary>
internal sealed class TextLineReader
{
    private const int MaxLineBytes = 1 << 20;
    private readonly Stream _stream;
    private readonly string _file;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _length;
    private byte[] _line = new byte[256];
    private char[] _chars = new char[256];
    private bool _pendingCarriageReturn;

    public TextLineReader(Stream stream, string file = "<input>")
    {
        _stream = stream;
        _file = file;
    }

    public long LineNumber { get; private set; }

    /// <summary>True when the first line began with a UTF-8 byte order mark, which was left out of it.</summary>
    public bool SkippedByteOrderMark { get; private set; }

    /// <summary>True when the last line returned was not valid UTF-8 and was read as ISO-8859-1.</summary>
    public bool LastLineWasLatin1 { get; private set; }

    /// <summary>
    /// Reads the next line (without its line break) into a buffer that the next call overwrites; the caller may change
    /// it in place. False at the end of the stream.
    /// </summary>
    public bool TryReadLine(out Span<char> line)
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
                    line = any ? Decode(_line.AsSpan(0, count)) : default;
                    return any;
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
            if (end >= 0 && !any)
            {
                // The usual case: the whole line is in the read buffer and is decoded from there without a copy.
                line = Decode(available[..end]);
                EndLine(end);
                return true;
            }
            var take = end < 0 ? available.Length : end;
            if (take > 0)
            {
                if (count + take > MaxLineBytes)
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
            if (end >= 0)
            {
                line = Decode(_line.AsSpan(0, count));
                EndLine(end);
                return true;
            }
            _position += take;
        }
    }

    private void EndLine(int lineBreak)
    {
        _position += lineBreak;
        _pendingCarriageReturn = _buffer[_position] == (byte)'\r';
        _position++;
    }

    private Span<char> Decode(ReadOnlySpan<byte> bytes)
    {
        if (LineNumber++ == 0 && bytes.StartsWith("\uFEFF"u8))
        {
            SkippedByteOrderMark = true;
            bytes = bytes[3..];
        }
        if (_chars.Length < bytes.Length)
        {
            // A line never decodes to more chars than it has bytes (UTF-8 and ISO-8859-1 alike).
            _chars = new char[Math.Max(_chars.Length * 2, bytes.Length)];
        }
        // Most lines are ASCII, which is both valid UTF-8 and ISO-8859-1: widen those without validating twice.
        if (Ascii.ToUtf16(bytes, _chars, out var written) == OperationStatus.Done)
        {
            LastLineWasLatin1 = false;
            return _chars.AsSpan(0, written);
        }
        LastLineWasLatin1 = !Utf8.IsValid(bytes);
        var length = LastLineWasLatin1 ? Encoding.Latin1.GetChars(bytes, _chars) : Encoding.UTF8.GetChars(bytes, _chars);
        return _chars.AsSpan(0, length);
    }
}
