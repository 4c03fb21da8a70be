using System.Buffers;

namespace BankFunctions.Cli.Backup;

/// <summary>Reads '\n'-separated lines as UTF-8 bytes from a stream into one growing buffer (no string per line).</summary>
public sealed class LineReader(Stream input) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The next non-empty line (valid until the next call), or false at the end.</summary>
    public async ValueTask<(bool Ok, ReadOnlyMemory<byte> Line)> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                if (line.Length > 0)
                {
                    return (true, line);
                }
                continue;
            }
            if (_eof)
            {
                if (_end > _start)
                {
                    var last = _buffer.AsMemory(_start, _end - _start);
                    _start = _end;
                    return (true, last);
                }
                return (false, default);
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                // A row can be up to 1 MiB of properties: grow rather than split it.
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _eof = true;
            }
            _end += read;
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
