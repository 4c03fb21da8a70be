namespace BankFunctions.Storage.Rows;

/// <summary>
/// Whether a tenant's bank connection answers (PK = tenant, RK = "connhealth|" + connection id), as the dispatch and
/// status stages last saw it: unavailable when a file had to wait for the bank, available again when a waiting file
/// heard from it. Flipped only under its ETag, in one transaction with the flip's event (issue #14).
/// </summary>
public sealed class BankConnectionHealthRow : RowBase
{
    public string ConnectionId { get; set; } = "";
    public string Bank { get; set; } = "";
    public bool Available { get; set; }
    /// <summary>When the connection reached its current state.</summary>
    public DateTimeOffset Since { get; set; }
    public string? LastErrorCode { get; set; }
}
