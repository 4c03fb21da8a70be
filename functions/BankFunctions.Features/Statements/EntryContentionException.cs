namespace BankFunctions.Features.Statements;

/// <summary>
/// Other pulls or imports kept changing a bucket while its entries were being stored, more often than
/// <c>EntryStore</c> decides again. What is committed is whole per entry and found again by the next attempt, so
/// storing the file again completes it: a pull is retried by its queue, an import answers 503 with Retry-After.
/// </summary>
public sealed class EntryContentionException(string bucket, int attempts, Exception inner)
    : Exception($"Bucket {bucket} changed under {attempts} attempts to store its entries.", inner)
{
    /// <summary>How long an import client is asked to wait: long enough for the concurrent writers to finish a day's bucket.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
}
