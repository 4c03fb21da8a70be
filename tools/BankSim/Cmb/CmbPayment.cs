namespace BankSim.Cmb;

/// <summary>One payment instruction (single, batch item or payroll line) as the CMB-style bank tracks it.</summary>
public sealed class CmbPayment(string yurRef, string reqNbr, string uid, string debtor, string creditor, string creditorName, string? creditorBank,
    decimal amount, string currency, string? purpose, string? batchRef, DateTimeOffset receivedAt)
{
    public string YurRef { get; } = yurRef;
    public string ReqNbr { get; } = reqNbr;
    public string Uid { get; } = uid;
    public string Debtor { get; } = debtor;
    public string Creditor { get; } = creditor;
    public string CreditorName { get; } = creditorName;
    public string? CreditorBank { get; } = creditorBank;
    public decimal Amount { get; } = amount;
    public string Currency { get; } = currency;
    public string? Purpose { get; } = purpose;
    /// <summary>The payroll batch's own yurref, for 代发 lines.</summary>
    public string? BatchRef { get; } = batchRef;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    /// <summary>reqSts: NTE (awaiting the bank-side approver) → BNK (at the bank) → FIN (finished).</summary>
    public string ReqSts { get; set; } = "NTE";
    /// <summary>rtnFlg once FIN: S success, F failed, B bounced after success, R vetoed, D expired, C cancelled.</summary>
    public string RtnFlg { get; set; } = "";
    public string ErrCod { get; set; } = "";
    public string ErrTxt { get; set; } = "";
    public string? BookingRef { get; set; }
    public DateTimeOffset? BounceAt { get; set; }
}
