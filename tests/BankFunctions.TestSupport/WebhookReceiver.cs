using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace BankFunctions.TestSupport;

/// <summary>
/// A webhook receiver for tests (issue #14): a real HTTP server on loopback that records every request and answers
/// what the test says (<see cref="Answer"/>: a status, slowly, 410), and can go down and come up again on the same port.
/// Signatures are checked by <see cref="VerifyAsync"/>, an independent implementation of the Standard Webhooks scheme in
/// Node's crypto (Node is a prerequisite of the repo already).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, DateTimeOffset At);

    private readonly List<Received> _received = [];
    private HttpListener? _listener;

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{Port}/hook");
        Up();
    }

    public int Port { get; }
    public Uri Url { get; }

    /// <summary>How the receiver answers a request (default 204); may wait, to be slow.</summary>
    public Func<HttpListenerContext, Task> Answer { get; set; } = context => Respond(context, 204);

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<Received> All
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Up()
    {
        if (_listener is not null)
        {
            return;
        }
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _listener = listener;
        _ = Task.Run(() => ServeAsync(listener));
    }

    /// <summary>Stops listening: connections are refused until <see cref="Up"/>.</summary>
    public void Down()
    {
        _listener?.Close();
        _listener = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (or the timeout passed), and returns them.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (All.Count < count && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(20);
        }
        return All;
    }

    public static async Task Respond(HttpListenerContext context, int status)
    {
        context.Response.StatusCode = status;
        await Task.CompletedTask;
        context.Response.Close();
    }

    /// <summary>
    /// Verifies each message with Node: HMAC-SHA256 keyed with the base64 bytes after "whsec_", over
    /// "id.timestamp.body", compared in constant time with every "v1," signature of the header. One answer per message.
    /// </summary>
    public static async Task<IReadOnlyList<bool>> VerifyAsync(string secret, IReadOnlyList<Received> messages)
    {
        const string script = """
            const crypto = require('crypto');
            let input = '';
            process.stdin.on('data', d => input += d);
            process.stdin.on('end', () => {
              const key = Buffer.from(process.argv[1].split('_').slice(1).join('_'), 'base64');
              const out = JSON.parse(input).map(m => {
                const expected = crypto.createHmac('sha256', key).update(`${m.id}.${m.timestamp}.${m.body}`, 'utf8').digest();
                return m.signature.split(' ').some(s => {
                  const [version, sig] = s.split(',');
                  const given = Buffer.from(sig || '', 'base64');
                  return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
                });
              });
              process.stdout.write(JSON.stringify(out));
            });
            """;
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(secret);
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var payload = JsonSerializer.Serialize(messages.Select(m => new { id = m.Id, timestamp = m.Timestamp, signature = m.Signature, body = m.Body }));
        await node.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(payload));
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        return JsonSerializer.Deserialize<bool[]>(output) ?? [];
    }

    public void Dispose() => Down();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_received)
                {
                    _received.Add(new Received(context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
                        context.Request.Headers["webhook-signature"] ?? "", body, DateTimeOffset.UtcNow));
                }
                try
                {
                    await Answer(context);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    // The sender gave up (timeout) or the receiver went down meanwhile.
                }
            });
        }
    }
}
