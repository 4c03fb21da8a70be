using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BankFunctions.Features.Webhooks;

/// <summary>What one delivery attempt got: the status (null when none came), how long it took, and why it failed.</summary>
public sealed record DeliveryAttempt(int? StatusCode, TimeSpan Latency, string? Error)
{
    /// <summary>Standard Webhooks: any 2xx within the timeout is success.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>410 Gone: the receiver asks us to stop (the endpoint is disabled).</summary>
    public bool Gone => StatusCode == 410;
}

/// <summary>
/// Sends one signed webhook request (issue #14 "Webhooks"). Every connection resolves the host once and connects only to
/// an address <see cref="OutboundTargets.Allowed"/> (SocketsHttpHandler.ConnectCallback: the name cannot be re-pointed at
/// an internal address between the check and the connect). A connection is kept for the next attempts to the same
/// host for at most <see cref="ConnectionLifetime"/> — it goes to the address checked when it opened, and a pump
/// delivering one event after another then pays one TCP/TLS handshake a minute, not one per event — after which the
/// name is resolved and checked again. No redirect is followed, the answer is read up to 256 KiB and everything ends
/// after the timeout (15 s: the spec's success window).
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    public const int MaxResponseBytes = 256 * 1024;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(1);

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookHttp(bool development, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? DefaultTimeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = ConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, development, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/> signed with every secret in <paramref name="secrets"/>.</summary>
    public async Task<DeliveryAttempt> SendAsync(Uri url, IReadOnlyList<string> secrets, string webhookId, DateTimeOffset now, string body,
        CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets, webhookId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("BankFunctions-Webhooks/1");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            return new DeliveryAttempt((int)response.StatusCode, Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(null, Stopwatch.GetElapsedTime(started), $"no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAttempt(null, Stopwatch.GetElapsedTime(started), e.InnerException is RefusedTargetException refused ? refused.Message : "connection failed");
        }
    }

    /// <summary>Reads (and drops) at most <see cref="MaxResponseBytes"/> of the answer: a receiver cannot make us read more.</summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[16 * 1024];
        var total = 0;
        int read;
        while (total < MaxResponseBytes && (read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxResponseBytes - total)), cancellationToken)) > 0)
        {
            total += read;
        }
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool development, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => OutboundTargets.Allowed(a, development)).ToList();
        if (allowed.Count == 0)
        {
            throw new RefusedTargetException($"{endpoint.Host} resolves to no address a webhook may reach.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // The checked address itself, not the name: a second resolution could answer differently.
            await socket.ConnectAsync(new IPEndPoint(allowed[0], endpoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class RefusedTargetException(string message) : IOException(message);
}
