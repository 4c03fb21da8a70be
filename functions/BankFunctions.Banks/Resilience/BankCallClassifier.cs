
using System.Net.Http.Headers;

namespace BankFunctions.Banks.Resilience;

/// <summary>Turns HTTP statuses and transport failures into a <see cref="BankCallOutcome"/> — the one place this is decided.</summary>
public static class BankCallClassifier
{
    /// <summary>
    /// 2xx success; 408/429/5xx retryable (the bank did not act, or a resend carries the same reference and is caught by
    /// its duplicate guard); 409 duplicate (the bank's reference guard, BANKS.md §A); other 4xx terminal.
    /// </summary>
    public static BankCallOutcome FromStatus(int status) => status switch
    {
        >= 200 and < 300 => BankCallOutcome.Success,
        409 => BankCallOutcome.Duplicate,
        408 or 429 => BankCallOutcome.Retryable,
        >= 500 => BankCallOutcome.Retryable,
        _ => BankCallOutcome.Terminal,
    };

    /// <summary>
    /// A transport failure or our own per-attempt timeout. Before any request byte left (connection refused, DNS,
    /// TLS, connect timeout) it is retryable. After, the bank may have acted: unknown outcome — unless the call is a
    /// read, which is safe to repeat.
    /// </summary>
    public static BankCallOutcome FromTransportFailure(bool requestSent, bool idempotent) =>
        !requestSent || idempotent ? BankCallOutcome.Retryable : BankCallOutcome.UnknownOutcome;

    /// <summary>Retry-After as delta-seconds or HTTP date (RFC 9110 §10.2.3).</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    internal static string Describe(Exception e) => e switch
    {
        HttpRequestException h => $"{h.HttpRequestError}: {h.Message}",
        _ => e.GetType().Name + ": " + e.Message,
    };

}
