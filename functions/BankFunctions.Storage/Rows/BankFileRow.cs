namespace BankFunctions.Storage.Rows;

/// <summary>
/// One file (or request) sent to a bank: a group of payments of one tenant, debtor account, bank and execution date
/// (PK = tenant, RK = "file|" + file id). Its <see cref="State"/> drives the sign → dispatch → status stages; what was
/// sent is kept byte for byte in Blob Storage (<see cref="ContentBlob"/>, <see cref="SignatureBlob"/>).
/// </summary>
public sealed class BankFileRow : RowBase
{
    public string FileId { get; set; } = "";
    public string Bank { get; set; } = "";
    public string ConnectionId { get; set; } = "";
    public string DebtorAccountId { get; set; } = "";
    public string ExecutionDate { get; set; } = "";
    /// <summary>"payment" or "payroll".</summary>
    public string Kind { get; set; } = "payment";
    public string? BatchId { get; set; }
    /// <summary>Comma-separated payment ids for files of single payments (at most <c>BankFileGrouping.MaxSinglesPerFile</c>).</summary>
    public string? PaymentIds { get; set; }
    public int PaymentCount { get; set; }
    /// <summary>The file's own reference at the bank (ISO MsgId), derived from the file id.</summary>
    public string MessageId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>preparing → prepared → sending → sent → final, or needs_attention.</summary>
    public string State { get; set; } = "";
    public string? ContentBlob { get; set; }
    public string? SignatureBlob { get; set; }
    public string? SignatureAlgorithm { get; set; }
    public string? SigningKeyId { get; set; }
    /// <summary>The bank's id for the file (ISO fileId) once it acknowledged it.</summary>
    public string? BankFileReference { get; set; }
    public int SendAttempts { get; set; }
    /// <summary>How often dispatch found the bank unavailable and scheduled itself later (see <c>BankWaits</c>).</summary>
    public int BankWaits { get; set; }
    public int StatusPolls { get; set; }
    public string? LastError { get; set; }
    /// <summary>The bank's or transport's code of the last failure (HTTP503, Transport, …), shown on the file's payments while they wait.</summary>
    public string? LastErrorCode { get; set; }
    /// <summary>When this file first found its bank unavailable in the current wait; null once the bank answered again.</summary>
    public DateTimeOffset? BankUnavailableSince { get; set; }
    /// <summary>When the next attempt (send or status query) of a waiting file is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
