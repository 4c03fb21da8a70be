using BankFunctions.Banks;

namespace BankFunctions.Features.Receipts;

/// <summary>What to do with a receipt the bank did not hand over this time.</summary>
public abstract record ReceiptNext
{
    /// <summary>Ask again after <paramref name="Delay"/> (the bank has none yet, or was unavailable).</summary>
    public sealed record Retry(TimeSpan Delay) : ReceiptNext;

    /// <summary>Stop and record why on the entry: the bank refused for good, or kept saying "not yet" too long.</summary>
    public sealed record GiveUp(string Reason) : ReceiptNext;

    /// <summary>Nothing to fetch: the bank does not offer receipts.</summary>
    public sealed record Drop : ReceiptNext;
}

/// <summary>
/// The back-off of receipt fetching, pure. A receipt follows the booking, usually at once, sometimes hours later
/// (banks publish them in batches), so the waits grow from seconds to hours; after <see cref="MaxAttempts"/> it is given
/// up and the reason kept. Only retryable answers wait (STYLE rule 5); a receipt is read-only, so an unknown outcome is
/// retryable too.
/// </summary>
public static class ReceiptRetry
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    public static int MaxAttempts => Delays.Count;

    /// <param name="attempt">Attempts already made before this one (0 on the first).</param>
    public static ReceiptNext Decide<T>(BankResult<T> result, int attempt) => result.Outcome switch
    {
        BankCallOutcome.NotSupported => new ReceiptNext.Drop(),
        BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome when attempt < MaxAttempts =>
            new ReceiptNext.Retry(result.RetryAfter is { } after && after > Delays[attempt] ? after : Delays[attempt]),
        BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome =>
            new ReceiptNext.GiveUp($"No receipt after {attempt + 1} attempts: {result.ErrorCode}: {result.ErrorMessage}"),
        _ => new ReceiptNext.GiveUp($"{result.ErrorCode}: {result.ErrorMessage}"),
    };

    /// <summary>The entry is not stored yet (its work was recorded before the store): the same waits, then give up.</summary>
    public static ReceiptNext EntryMissing(int attempt) => attempt < MaxAttempts
        ? new ReceiptNext.Retry(Delays[attempt])
        : new ReceiptNext.GiveUp("The statement entry was never stored.");
}
