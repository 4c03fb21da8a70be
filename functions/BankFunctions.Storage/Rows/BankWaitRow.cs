namespace BankFunctions.Storage.Rows;

/// <summary>
/// Whether a bank is being waited out (table Tenants, PK = <see cref="TableKeys.BankWaitPartition"/>, RK = bank name),
/// for GET /health, which cannot scan every tenant's files. Written only when a file waits for the bank or, after a
/// wait, hears from it again — never on the normal path.
/// </summary>
public sealed class BankWaitRow : RowBase
{
    /// <summary>When the current wait began (the first unanswered call after the bank last answered).</summary>
    public DateTimeOffset UnavailableSince { get; set; }
    /// <summary>The latest unanswered call.</summary>
    public DateTimeOffset LastUnavailableAt { get; set; }
    /// <summary>The latest attempt any waiting file has scheduled.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastErrorCode { get; set; }
    /// <summary>When a file that had been waiting last heard from the bank again.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
}
