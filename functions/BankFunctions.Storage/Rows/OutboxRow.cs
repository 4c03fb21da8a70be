namespace BankFunctions.Storage.Rows;

/// <summary>
/// Work that must reach a queue (PK = tenant, RK = "outbox|" + subject id), written in the same transaction as the
/// state change that created the work and removed when the stage has taken it. The outbox-sweep timer re-enqueues
/// rows past <see cref="DueAt"/>, so a crash between commit and enqueue strands nothing.
/// </summary>
public sealed class OutboxRow : RowBase
{
    public string Queue { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public int Attempts { get; set; }
}
