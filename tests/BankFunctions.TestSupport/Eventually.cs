using System.Diagnostics;

namespace BankFunctions.TestSupport;

/// <summary>
/// Waits for a running stack (the host's queue stages, BankSim, Azurite: other threads and processes that no fake clock
/// drives) to reach a state, by asking again every <see cref="Interval"/> until the answer holds or the time is up.
/// One copy for every end-to-end test; decisions themselves are tested with FakeTimeProvider, not with this.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Until <paramref name="condition"/> is true; a <see cref="TimeoutException"/> saying what was awaited otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException(describe?.Invoke() ?? $"condition not met in {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(Interval);
        }
    }

    /// <summary>Asks <paramref name="probe"/> until its answer satisfies <paramref name="holds"/> and returns that answer.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var answer = await probe();
            if (holds(answer))
            {
                return answer;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException(describe?.Invoke(answer) ?? $"not reached in {timeout.TotalSeconds:0} s; last answer: {answer}");
            }
            await Task.Delay(Interval);
        }
    }
}
