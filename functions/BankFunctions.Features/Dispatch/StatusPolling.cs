namespace BankFunctions.Features.Dispatch;

/// <summary>When to ask the bank again: quickly at first (most banks answer within seconds), then backing off.</summary>
public static class StatusPolling
{
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);

    /// <summary>After this many polls without a terminal status the payments need a person.</summary>
    public const int MaxPolls = 600;

    public static TimeSpan Delay(int poll)
    {
        // 250 ms, 375 ms, 560 ms, … up to 5 min: banks acknowledge a file within a fraction of a second to a few seconds
        // (the first answers are what submit → accepted latency is made of), then settle much later.
        var ms = 250 * Math.Pow(1.5, Math.Min(poll, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxInterval.TotalMilliseconds));
    }
}
