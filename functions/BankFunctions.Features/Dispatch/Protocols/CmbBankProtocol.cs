using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Status;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// The CMB-style cloud direct connect (BANKS.md §B): BB1PAYOP for one payment, BB1PAYBH for several, BB6BTHHL for
/// payroll (代发). The adapter builds and SM2-signs the request envelope once (reqid = our file id, so the stored
/// bytes are what is sent, on every attempt); every yurref is derived from the payment id, so a resend is refused as
/// NCB4241 and looked up. Status by BB1PAYQR / BB6BPDQY.
/// </summary>
public sealed class CmbBankProtocol(BankAdapters adapters) : AdapterBankProtocol(adapters, BankProtocol.CmbCloud)
{
    protected override byte[]? Document(BankFileRequest request) => null;

    protected override SignatureResult? Signature(BankFileRequest request, PreparedPaymentFile file) => null;

    protected override IReadOnlyList<string> QueryReferences(BankFileRequest request) => request.Payments.Select(p => p.BankReference).ToList();

    /// <summary>reqSts / rtnFlg (mapped by the adapter) → the contract's statuses; the bank's error code or flag kept.</summary>
    protected override PaymentBankStatus? Map(string reference, BankPaymentStatus status)
    {
        var flag = status.BankCode.Split('/') is [_, var f] ? f : null;
        var (contract, reason) = status.Status switch
        {
            UnifiedPaymentStatus.Completed => (PaymentStatus.Completed.ToWire(), (string?)null),
            UnifiedPaymentStatus.Rejected when flag == "R" => (PaymentStatus.Rejected.ToWire(), "Vetoed by the bank-side approver"),
            UnifiedPaymentStatus.Rejected => (PaymentStatus.Rejected.ToWire(), status.ReasonText ?? "Failed at the bank"),
            UnifiedPaymentStatus.Returned => (PaymentStatus.Returned.ToWire(), status.ReasonText ?? "Bounced after success (退票)"),
            UnifiedPaymentStatus.Cancelled when flag == "D" => (PaymentStatus.Rejected.ToWire(), "Expired without bank-side approval"),
            UnifiedPaymentStatus.Cancelled => (PaymentStatus.Cancelled.ToWire(), "Cancelled at the bank"),
            // OPR, AUT, NTE, BNK…: the bank has it and is working on it.
            _ => (PaymentStatus.Accepted.ToWire(), null),
        };
        return new PaymentBankStatus(reference, contract, null, status.Reason ?? flag ?? status.BankCode, reason);
    }
}
