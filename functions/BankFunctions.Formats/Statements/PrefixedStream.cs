namespace BankFunctions.Formats.Statements;

/// <summary>Replays the bytes already sniffed from a non-seekable stream, then continues with the stream itself.</summary>
internal sealed class PrefixedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _rest;
    private readonly long _restStart;
    private int _prefixPosition;

    public PrefixedStream(byte[] prefix, int prefixLength, Stream rest)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _rest = rest;
        _restStart = rest.CanSeek ? rest.Position : -1;
    }

    /// <summary>Whether <see cref="Rewind"/> can start the input over (the stream behind the prefix is seekable).</summary>
    public bool CanRewind => _restStart >= 0;

    /// <summary>Starts the input over from its first byte, so that a reader can take a second pass.</summary>
    public void Rewind()
    {
        _rest.Position = _restStart;
        _prefixPosition = 0;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_prefixPosition < _prefixLength)
        {
            var n = Math.Min(count, _prefixLength - _prefixPosition);
            Array.Copy(_prefix, _prefixPosition, buffer, offset, n);
            _prefixPosition += n;
            return n;
        }
        return _rest.Read(buffer, offset, count);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
