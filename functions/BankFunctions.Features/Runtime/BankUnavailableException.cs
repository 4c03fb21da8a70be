namespace BankFunctions.Features.Runtime;

/// <summary>
/// Thrown by a queue handler when the bank could not be reached or asked us to wait: the message is retried by the
/// queue (visibility timeout, then poison after maxDequeueCount).
/// <paramref name="retryAfter"/>: the bank's Retry-After, or how long its circuit stays open — the queue host keeps the
/// message invisible at least that long, so a paused bank does not use up the message's attempts.
/// </summary>
public sealed class BankUnavailableException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
