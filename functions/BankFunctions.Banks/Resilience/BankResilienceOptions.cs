namespace BankFunctions.Banks.Resilience;

/// <summary>Per-bank resilience settings (bound from configuration per adapter).</summary>
public sealed class BankResilienceOptions
{
    /// <summary>Each attempt is cut off after this; the outcome then depends on whether the request had left.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>In-process retries of retryable failures; after that the queue's visibility timeout takes over.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A Retry-After longer than this is not waited for in process; the result carries it to the queue instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
