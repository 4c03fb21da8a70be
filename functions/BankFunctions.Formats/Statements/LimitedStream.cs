namespace BankFunctions.Formats.Statements;

/// <summary>Read-only view of a stream that refuses to deliver more than a fixed number of bytes.</summary>
internal sealed class LimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly string _file;
    private long _read;

    public LimitedStream(Stream inner, long limit, string file)
    {
        _inner = inner;
        _limit = limit;
        _file = file;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = _inner.Read(buffer, offset, count);
        _read += n;
        if (_read > _limit)
        {
            throw new StatementFormatException($"{_file}: larger than {_limit} bytes; a CMB response page is never that large");
        }
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
