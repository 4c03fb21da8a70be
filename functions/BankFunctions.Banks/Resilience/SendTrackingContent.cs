using System.Net;

namespace BankFunctions.Banks.Resilience;

/// <summary>
/// Request content that records when the handler starts writing it, i.e. once the connection is up and the request
/// is leaving. A failure before that point cannot have reached the bank; after it, the bank may have acted.
/// </summary>
internal sealed class SendTrackingContent : HttpContent
{
    private readonly byte[] _body;
    private int _started;

    public SendTrackingContent(byte[] body) => _body = body;

    public bool Started => Volatile.Read(ref _started) == 1;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        await stream.WriteAsync(_body, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
