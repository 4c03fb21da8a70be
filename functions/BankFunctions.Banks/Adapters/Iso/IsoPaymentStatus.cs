using BankFunctions.Domain.Payments;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>
/// A pain.002 status as the bank gave it — ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code
/// (GrpSts, TxSts), the status reason code (StsRsnInf/Rsn/Cd) and its text (AddtlInf) — and the one mapping of
/// those codes to the domain status.
/// </summary>
public sealed record IsoPaymentStatus(string Code, string? ReasonCode = null, string? ReasonText = null) : BankPaymentStatus
{
    /// <summary>An unknown code maps to null: it can neither book nor fail a payment (keep polling), and the code is kept.</summary>
    public static PaymentStatus? Map(string code) => code switch
    {
        // Received: the bank has the file, nothing checked yet.
        "RCVD" => PaymentStatus.Sent,
        // Technical validation, customer profile and settlement-in-process / accepted-with-change all mean
        // "the bank took it and is working on it". PART (group level): some transactions rejected; the transactions
        // carry the real outcome each. PDNG: the bank holds it (e.g. a later execution date).
        "ACTC" or "ACCP" or "ACSP" or "ACWC" or "ACFC" or "ACWP" or "PART" or "PDNG" => PaymentStatus.Accepted,
        "ACSC" or "ACCC" => PaymentStatus.Completed,
        "RJCT" => PaymentStatus.Rejected,
        "CANC" => PaymentStatus.Cancelled,
        _ => null,
    };

    public override PaymentStatus? Status => Map(Code);

    public override string? IsoStatus => Code;

    public override string? BankCode => ReasonCode;

    public override string? Reason => ReasonText ?? IsoReasons.Describe(ReasonCode);
}
