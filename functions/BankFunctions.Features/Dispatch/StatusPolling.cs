namespace BankFunctions.Features.Dispatch;

/// <summary>When to ask the bank again: quickly at first (most banks answer within seconds), then backing off.</summary>
public static class StatusPolling
{
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);

    /// <summary>After this many polls without a terminal status the payments need a person.</summary>
    public const int MaxPolls = 400;

    public static TimeSpan Delay(int poll)
    {
        var ms = 250 * Math.Pow(2, Math.Min(poll, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxInterval.TotalMilliseconds));
    }
}
