using System.Collections.Concurrent;
using System.Net;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Webhooks;

/// <summary>
/// The receiver of one endpoint: the test suite's <see cref="WebhookReceiver"/> (a real HTTP server on loopback that
/// records every request), answering 204 when up; when down it either refuses connections (listener closed) or
/// answers 503. Every answer is logged with its status and time, so a 503 is never counted as delivered.
/// </summary>
public sealed class BenchReceiver : IDisposable
{
    public sealed record Answered(string WebhookId, int Status, DateTimeOffset At);

    private readonly WebhookReceiver _receiver = new();
    private readonly ConcurrentQueue<Answered> _answers = new();
    private volatile bool _unavailable;

    public BenchReceiver() => _receiver.Answer = AnswerAsync;

    public Uri Url => _receiver.Url;

    /// <summary>Every request that reached the receiver (body, headers, arrival time), answered 2xx or not.</summary>
    public IReadOnlyList<WebhookReceiver.Received> Received => _receiver.All;

    public IReadOnlyList<Answered> Answers => [.. _answers];

    /// <summary>Down: connections refused (<paramref name="with503"/> false) or every request answered 503.</summary>
    public void GoDown(bool with503)
    {
        if (with503)
        {
            _unavailable = true;
        }
        else
        {
            _receiver.Down();
        }
    }

    public void ComeUp()
    {
        _unavailable = false;
        _receiver.Up();
    }

    private Task AnswerAsync(HttpListenerContext context)
    {
        var status = _unavailable ? 503 : 204;
        _answers.Enqueue(new Answered(context.Request.Headers["webhook-id"] ?? "", status, DateTimeOffset.UtcNow));
        return WebhookReceiver.Respond(context, status);
    }

    public void Dispose() => _receiver.Dispose();
}
