using BankFunctions.Domain.Payments;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// A CMB payment state as the bank gave it (BB1PAYOP/BB1PAYBH/BB6BTHHL answers, BB1PAYQR/BB6BPDQY rows): reqSts (the
/// bank's processing state), rtnFlg (the result, meaningful once reqSts = FIN), errCod and errTxt — each kept as its
/// own field — and the one mapping of them to the domain status.
/// </summary>
/// <param name="ReqSts">Before FIN: OPR receiving, AUT awaiting the bank-side approver, NTE approved, BNK/WCF/WRF at the bank.</param>
/// <param name="RtnFlg">S success, F failed, B bounced after success (退票), R vetoed by the bank-side approver, D expired without approval, C cancelled.</param>
public sealed record CmbPaymentStatus(string ReqSts, string? RtnFlg = null, string? ErrCod = null, string? ErrTxt = null) : BankPaymentStatus
{
    /// <summary>A row's fields as read (empty strings are "not given").</summary>
    public static CmbPaymentStatus Of(string? reqSts, string? rtnFlg, string? errCod, string? errTxt) =>
        new(reqSts ?? "", Given(rtnFlg), Given(errCod), Given(errTxt));

    /// <summary>
    /// The domain status and the reason in words. Anything before FIN, and a FIN without a known flag, means the bank
    /// has the payment and is working on it (accepted): it neither books nor fails it.
    /// </summary>
    public static (PaymentStatus Status, string? Reason) Map(string reqSts, string? rtnFlg, string? errTxt) => reqSts switch
    {
        "FIN" => rtnFlg switch
        {
            "S" => (PaymentStatus.Completed, null),
            "F" => (PaymentStatus.Rejected, errTxt ?? "Failed at the bank"),
            "R" => (PaymentStatus.Rejected, "Vetoed by the bank-side approver"),
            "B" => (PaymentStatus.Returned, errTxt ?? "Bounced after success (退票)"),
            // Expired unapproved: the bank never executed it, and nobody cancelled it — it was refused.
            "D" => (PaymentStatus.Rejected, "Expired without bank-side approval"),
            "C" => (PaymentStatus.Cancelled, "Cancelled at the bank"),
            _ => (PaymentStatus.Accepted, null),
        },
        _ => (PaymentStatus.Accepted, null),
    };

    public override PaymentStatus? Status => Map(ReqSts, RtnFlg, ErrTxt).Status;

    public override string? IsoStatus => null;

    public override string? BankCode => ErrCod ?? RtnFlg ?? ReqSts;

    public override string? Reason => Map(ReqSts, RtnFlg, ErrTxt).Reason;

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
