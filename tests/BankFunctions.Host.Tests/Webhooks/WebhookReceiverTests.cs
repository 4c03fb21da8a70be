using System.Diagnostics;
using System.Net;
using System.Text;
using BankFunctions.Features.Webhooks;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Webhooks;

/// <summary>
/// One delivery attempt against a real receiver on loopback (issue #14 "Webhooks"): a small HTTP server that checks
/// every signature with an independent implementation of the Standard Webhooks scheme (python3's hmac), and that can
/// answer slowly, answer 410, redirect, or be down. The SSRF guard is tried on the same receiver in production mode.
/// </summary>
public sealed class WebhookReceiverTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _url;
    private Func<HttpListenerContext, Task> _answer = context => Respond(context, 204);
    private readonly List<(string Id, string Timestamp, string Signature, string Body)> _received = [];

    public WebhookReceiverTests()
    {
        var port = FreePort.Next();
        _url = new Uri($"http://127.0.0.1:{port}/hook");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_received)
                {
                    _received.Add((context.Request.Headers["webhook-id"]!, context.Request.Headers["webhook-timestamp"]!, context.Request.Headers["webhook-signature"]!, body));
                }
                await _answer(context);
            }
        });
    }

    public void Dispose() => _listener.Close();

    private static async Task Respond(HttpListenerContext context, int status, string? location = null, int bodyBytes = 0)
    {
        context.Response.StatusCode = status;
        if (location is not null)
        {
            context.Response.RedirectLocation = location;
        }
        if (bodyBytes > 0)
        {
            try
            {
                await context.Response.OutputStream.WriteAsync(new byte[bodyBytes]);
            }
            catch (HttpListenerException)
            {
                // The sender stopped reading at its cap.
            }
        }
        context.Response.Close();
    }

    /// <summary>Standard Webhooks verification written independently, in python3: true when any v1 signature matches.</summary>
    private static async Task<bool> PythonVerifiesAsync(string secret, (string Id, string Timestamp, string Signature, string Body) message)
    {
        const string script = """
            import base64, hashlib, hmac, sys
            secret, msg_id, ts, header = sys.argv[1:5]
            body = sys.stdin.buffer.read()
            key = base64.b64decode(secret.split("_", 1)[1])
            expected = base64.b64encode(hmac.new(key, msg_id.encode() + b"." + ts.encode() + b"." + body, hashlib.sha256).digest()).decode()
            ok = any(s.split(",", 1)[0] == "v1" and hmac.compare_digest(s.split(",", 1)[1], expected) for s in header.split(" "))
            print("ok" if ok else "bad")
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", script, secret, message.Id, message.Timestamp, message.Signature })
        {
            start.ArgumentList.Add(arg);
        }
        using var python = Process.Start(start)!;
        await python.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(message.Body));
        python.StandardInput.Close();
        var output = (await python.StandardOutput.ReadToEndAsync()).Trim();
        await python.WaitForExitAsync();
        return output == "ok";
    }

    private const string Body = """{"id":"evt_1","sequence":1,"type":"payment.sent","createdAt":"2026-03-02T10:15:00+00:00","tenantId":"acme","data":{"id":"pay_1","note":"Zahlung für März"}}""";

    [Fact]
    public async Task A_delivery_is_signed_so_an_independent_verifier_accepts_it_with_either_secret_of_a_rotation()
    {
        var old = WebhookSignature.NewSecret();
        var current = WebhookSignature.NewSecret();
        using var http = new WebhookHttp(development: true);

        var attempt = await http.SendAsync(_url, [current, old], "evt_1", DateTimeOffset.UtcNow, Body, CancellationToken.None);

        Assert.True(attempt.Succeeded, attempt.Error);
        Assert.Equal(204, attempt.StatusCode);
        var message = Assert.Single(_received);
        Assert.Equal("evt_1", message.Id);
        Assert.Equal(Body, message.Body);
        Assert.True(await PythonVerifiesAsync(current, message));
        Assert.True(await PythonVerifiesAsync(old, message));
        Assert.False(await PythonVerifiesAsync(WebhookSignature.NewSecret(), message));
        Assert.False(await PythonVerifiesAsync(current, message with { Body = Body.Replace("pay_1", "pay_2", StringComparison.Ordinal) }));
    }

    [Fact]
    public async Task In_production_a_loopback_receiver_is_never_reached()
    {
        using var http = new WebhookHttp(development: false);

        var attempt = await http.SendAsync(new Uri(_url.ToString().Replace("http://", "https://", StringComparison.Ordinal)), [WebhookSignature.NewSecret()],
            "evt_1", DateTimeOffset.UtcNow, Body, CancellationToken.None);
        var byName = await http.SendAsync(new Uri($"https://localhost:{_url.Port}/hook"), [WebhookSignature.NewSecret()], "evt_1", DateTimeOffset.UtcNow, Body,
            CancellationToken.None);

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("no address a webhook may reach", attempt.Error, StringComparison.Ordinal);
        Assert.Null(byName.StatusCode);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Redirects_are_not_followed_410_says_gone_and_a_huge_answer_is_read_only_to_the_cap()
    {
        using var http = new WebhookHttp(development: true);

        _answer = context => Respond(context, 302, location: "http://169.254.169.254/latest/meta-data");
        var redirected = await http.SendAsync(_url, [WebhookSignature.NewSecret()], "evt_1", DateTimeOffset.UtcNow, Body, CancellationToken.None);
        _answer = context => Respond(context, 410);
        var gone = await http.SendAsync(_url, [WebhookSignature.NewSecret()], "evt_2", DateTimeOffset.UtcNow, Body, CancellationToken.None);
        _answer = context => Respond(context, 200, bodyBytes: 4 * 1024 * 1024);
        var huge = await http.SendAsync(_url, [WebhookSignature.NewSecret()], "evt_3", DateTimeOffset.UtcNow, Body, CancellationToken.None);

        Assert.Equal(302, redirected.StatusCode);
        Assert.False(redirected.Succeeded);
        Assert.True(gone.Gone);
        Assert.True(huge.Succeeded);
        Assert.Equal(3, _received.Count);
    }

    [Fact]
    public async Task A_slow_receiver_is_a_failed_attempt_after_the_timeout_and_a_down_one_a_connection_failure()
    {
        using var http = new WebhookHttp(development: true, timeout: TimeSpan.FromSeconds(1));
        using var release = new SemaphoreSlim(0);
        _answer = async context =>
        {
            await release.WaitAsync(TimeSpan.FromSeconds(10));
            await Respond(context, 200);
        };

        var slow = await http.SendAsync(_url, [WebhookSignature.NewSecret()], "evt_1", DateTimeOffset.UtcNow, Body, CancellationToken.None);
        release.Release();
        // The down receiver is a port nothing listens on. Stopping this test's listener was not enough: on a busy machine
        // its socket sometimes still took the connection, and the send then timed out instead of failing to connect.
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/hook");
        using var fresh = new WebhookHttp(development: true, timeout: TimeSpan.FromSeconds(1));
        var down = await fresh.SendAsync(nobody, [WebhookSignature.NewSecret()], "evt_2", DateTimeOffset.UtcNow, Body, CancellationToken.None);

        Assert.False(slow.Succeeded);
        Assert.Null(slow.StatusCode);
        Assert.Contains("no answer within 1 s", slow.Error, StringComparison.Ordinal);
        Assert.InRange(slow.Latency, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Null(down.StatusCode);
        Assert.Equal("connection failed", down.Error);
    }
}
