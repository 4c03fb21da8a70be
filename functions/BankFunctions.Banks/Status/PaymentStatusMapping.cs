namespace BankFunctions.Banks.Status;

/// <summary>The gateway's one status vocabulary for what a bank says about a payment.</summary>
public enum UnifiedPaymentStatus
{
    Received,
    Accepted,
    Completed,
    Rejected,
    Returned,
    Pending,
    Cancelled,
}

/// <summary>A mapped status that keeps what the bank actually said (code, reason code, reason text).</summary>
public sealed record BankPaymentStatus(UnifiedPaymentStatus Status, string BankCode, string? Reason = null, string? ReasonText = null)
{
    /// <summary>Terminal states stop status polling (a Completed payment can still come back as Returned via statements).</summary>
    public bool IsFinal => Status is UnifiedPaymentStatus.Completed or UnifiedPaymentStatus.Rejected
        or UnifiedPaymentStatus.Returned or UnifiedPaymentStatus.Cancelled;
}

/// <summary>
/// Pure mappings from bank status codes. Unknown codes map to <see cref="UnifiedPaymentStatus.Pending"/> (keep polling,
/// never conclude) with the code kept, so an unexpected bank value can neither book nor fail a payment.
/// </summary>
public static class PaymentStatusMapping
{
    /// <summary>ISO 20022 ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code (pain.002 GrpSts, TxSts).</summary>
    public static BankPaymentStatus FromIso(string code, string? reason = null, string? reasonText = null)
    {
        var status = code switch
        {
            "RCVD" => UnifiedPaymentStatus.Received,
            // Technical validation, customer profile and settlement-in-process / accepted-with-change all mean
            // "the bank took it and is working on it".
            "ACTC" or "ACCP" or "ACSP" or "ACWC" or "ACFC" or "ACWP" => UnifiedPaymentStatus.Accepted,
            // PART (group level): some transactions rejected; the transactions carry the real outcome each.
            "PART" => UnifiedPaymentStatus.Accepted,
            "ACSC" or "ACCC" => UnifiedPaymentStatus.Completed,
            "PDNG" => UnifiedPaymentStatus.Pending,
            "RJCT" => UnifiedPaymentStatus.Rejected,
            "CANC" => UnifiedPaymentStatus.Cancelled,
            _ => UnifiedPaymentStatus.Pending,
        };
        return new BankPaymentStatus(status, code, reason, reasonText);
    }

    /// <summary>
    /// CMB reqSts (processing state) + rtnFlg (result, meaningful once reqSts = FIN): S success, F failed,
    /// B bounced after success (退票), R vetoed by the bank-side approver, D expired without approval, C cancelled.
    /// Before FIN: OPR receiving, AUT awaiting approval, NTE approved, BNK/WCF/WRF at the bank.
    /// </summary>
    public static BankPaymentStatus FromCmb(string reqSts, string? rtnFlg, string? errCod = null, string? errTxt = null)
    {
        var status = reqSts switch
        {
            "FIN" => rtnFlg switch
            {
                "S" => UnifiedPaymentStatus.Completed,
                "F" or "R" => UnifiedPaymentStatus.Rejected,
                "B" => UnifiedPaymentStatus.Returned,
                "D" or "C" => UnifiedPaymentStatus.Cancelled,
                _ => UnifiedPaymentStatus.Pending,
            },
            "OPR" => UnifiedPaymentStatus.Received,
            "AUT" => UnifiedPaymentStatus.Pending,
            "NTE" or "BNK" or "WCF" or "WRF" => UnifiedPaymentStatus.Accepted,
            _ => UnifiedPaymentStatus.Pending,
        };
        var code = string.IsNullOrEmpty(rtnFlg) ? reqSts : reqSts + "/" + rtnFlg;
        return new BankPaymentStatus(status, code, string.IsNullOrEmpty(errCod) ? null : errCod, string.IsNullOrEmpty(errTxt) ? null : errTxt);
    }
}
