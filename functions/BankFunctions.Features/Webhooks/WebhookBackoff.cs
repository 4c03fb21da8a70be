namespace BankFunctions.Features.Webhooks;

/// <summary>What the pump does after the head event of an endpoint failed once more.</summary>
public abstract record AfterFailure
{
    /// <summary>Try the head again at <paramref name="At"/> (the endpoint waits; later events keep their order behind it).</summary>
    public sealed record RetryAt(DateTimeOffset At) : AfterFailure;

    /// <summary>The head's retries are spent: it is recorded as failed (redeliverable) and the next event goes now.</summary>
    public sealed record GiveUpHead : AfterFailure;

    /// <summary>The endpoint is disabled: "gone" (410) or "failing" (no success for <see cref="WebhookBackoff.DisableAfter"/>).</summary>
    public sealed record Disable(string Reason) : AfterFailure;
}

/// <summary>
/// The retry schedule of a webhook delivery (issue #14, docs/API.md "Webhooks"): after the first attempt, retries 5 s,
/// 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later (8 attempts over about 27.6 hours). An endpoint that answers 410 is
/// disabled at once; one with no successful delivery for 3 days is disabled. Pure: the tests drive it with any clock.
/// </summary>
public static class WebhookBackoff
{
    public static readonly IReadOnlyList<TimeSpan> Retries =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(3);

    /// <summary>Attempts an event gets in all: the first and one per retry.</summary>
    public static int MaxAttempts => Retries.Count + 1;

    /// <param name="failedAttempts">Failed attempts of this event, the one just made included (1 after the first).</param>
    /// <param name="failingSince">The first failure since the endpoint's last success (this one when there was none).</param>
    public static AfterFailure Decide(DeliveryAttempt attempt, int failedAttempts, DateTimeOffset failingSince, DateTimeOffset now)
    {
        if (attempt.Gone)
        {
            return new AfterFailure.Disable("gone");
        }
        if (now - failingSince >= DisableAfter)
        {
            return new AfterFailure.Disable("failing");
        }
        return failedAttempts >= MaxAttempts
            ? new AfterFailure.GiveUpHead()
            : new AfterFailure.RetryAt(now + Retries[Math.Max(0, failedAttempts - 1)]);
    }
}
