namespace BankFunctions.Storage.Rows;

/// <summary>
/// An Idempotency-Key's record (PK = tenant, RK = "idem|" + SHA-256 of the key): the request's hash and, once
/// done, the response to replay. Kept at least 24 h.
/// </summary>
public sealed class IdempotencyRow : RowBase
{
    public string RequestHash { get; set; } = "";
    /// <summary>"in_flight" while a multi-transaction write (a batch) is under way, then "completed".</summary>
    public string State { get; set; } = "";
    public int ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    /// <summary>The resource the key created (payment or batch id), so a crashed batch write can resume.</summary>
    public string? ResourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
