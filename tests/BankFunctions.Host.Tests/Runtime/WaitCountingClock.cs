using Microsoft.Extensions.Time.Testing;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it. A component that waits with
/// <c>Task.Delay(…, clock, …)</c> creates one timer per wait, so the count tells a test that every runner has finished
/// its work for this instant and is waiting again — the moment to advance the clock, with no sleep.
/// </summary>
internal sealed class WaitCountingClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(start);
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
