namespace BankFunctions.Host.Runtime;

/// <summary>
/// Makes a <see cref="QueueProcessor"/> return when its queue is empty: no visible message and nothing in flight for
/// <paramref name="IdleWindow"/>. Messages waiting out a visibility timeout are left for the next execution.
/// </summary>
public sealed record DrainUntilIdle(TimeSpan IdleWindow);
