namespace BankSim.Iso;

/// <summary>One transaction of a received file and where it is: RCVD → ACTC → ACSP → ACSC, or RJCT with a reason.</summary>
public sealed class IsoTransaction(string pmtInfId, Pain001Transaction tx)
{
    public string PmtInfId { get; } = pmtInfId;
    public Pain001Transaction Tx { get; } = tx;
    public string Status { get; set; } = "RCVD";
    public string? Reason { get; set; }
    public DateTimeOffset? ReturnAt { get; set; }
}

/// <summary>A payment file as the bank holds it.</summary>
public sealed class IsoFile(string fileId, string customerId, DateTimeOffset receivedAt, Pain001Document document)
{
    public string FileId { get; } = fileId;
    public string CustomerId { get; } = customerId;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    public Pain001Document Document { get; } = document;
    public List<IsoTransaction> Transactions { get; } = document.PaymentInfos.SelectMany(p => p.Transactions.Select(t => new IsoTransaction(p.PmtInfId, t))).ToList();
    /// <summary>A reason code when the whole file was refused (AM18 count, AM10 control sum).</summary>
    public string? GroupRejection { get; set; }
    public bool Executed { get; set; }
    /// <summary>The last report served, for the duplicateStatus fault (a stale report served again).</summary>
    public byte[]? LastReport { get; set; }

    public string GroupStatus
    {
        get
        {
            if (GroupRejection is not null || Transactions.All(t => t.Status == "RJCT"))
            {
                return "RJCT";
            }
            if (Transactions.Any(t => t.Status == "RJCT"))
            {
                return "PART";
            }
            string[] order = ["RCVD", "ACTC", "ACSP", "ACSC"];
            return order[Transactions.Min(t => Array.IndexOf(order, t.Status))];
        }
    }
}
