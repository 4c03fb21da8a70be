using System.Net.Sockets;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>Classifies transport failures once (ARCHITECTURE.md §5).</summary>
public static class BankHttp
{
    /// <summary>
    /// A refused connection means the request never left: safe to retry. Anything else once the request may have left
    /// — a timeout, a reset, a dropped connection — means the bank may have executed it: the outcome is unknown.
    /// </summary>
    public static SendOutcome Classify(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable } } =>
            new SendOutcome.Retryable("connection refused", null),
        HttpRequestException or TaskCanceledException or IOException => new SendOutcome.UnknownOutcome(e.GetType().Name),
        _ => throw e,
    };

    public static SendOutcome FromStatus(int status, string body, TimeSpan? retryAfter) => status switch
    {
        429 or >= 500 => new SendOutcome.Retryable($"HTTP {status}", retryAfter),
        401 or 403 => new SendOutcome.Terminal("AUTH", $"The bank refused our credentials (HTTP {status})."),
        _ => new SendOutcome.Terminal($"HTTP{status}", body.Length > 300 ? body[..300] : body),
    };
}
