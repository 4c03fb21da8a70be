using BankFunctions.Banks;
using BankFunctions.Banks.Status;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// The CMB-style cloud direct connect (BANKS.md §B): BB1PAYOP for one payment, BB1PAYBH for several, BB6BTHHL for
/// payroll (代发). The adapter builds and SM2-signs the request envelope once (reqid = our file id, so the stored
/// bytes are what is sent, on every attempt); every yurref is derived from the payment id, so a resend is refused as
/// NCB4241 and looked up. Status by BB1PAYQR / BB6BPDQY. All through the bank's <see cref="IBankAdapter"/>.
/// </summary>
public sealed class CmbBankProtocol(BankAdapters adapters) : IBankProtocol
{
    public bool Serves(string bank) => KnownBanks.All.GetValueOrDefault(bank) == BankProtocol.CmbCloud;

    public async Task<PreparedFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).PreparePaymentFileAsync(new PreparePaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), request.File.FileId, request.File.CreatedAt), cancellationToken);
        if (!result.IsSuccess)
        {
            throw AdapterFiles.PrepareFailed(result);
        }
        var file = result.Value!;
        return new PreparedFile(file.Document, file.ContentType, file.Signature.Signature, file.Signature.Algorithm, file.Signature.KeyId);
    }

    public async Task<SendOutcome> SendAsync(BankFileRequest request, PreparedFile file, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).SendPaymentFileAsync(new SendPaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), file.Content), cancellationToken);
        return AdapterFiles.Send(result, Map);
    }

    public async Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).QueryPaymentStatusAsync(new QueryPaymentStatusRequest(
            connection, AdapterFiles.Kind(request), null, request.File.MessageId, request.Payments.Select(p => p.BankReference).ToList()), cancellationToken);
        return AdapterFiles.Status(result, request, Map);
    }

    /// <summary>reqSts / rtnFlg (mapped by the adapter) → the contract's statuses; the bank's error code or flag kept.</summary>
    public static PaymentBankStatus Map(string yurRef, BankPaymentStatus s)
    {
        var flag = s.BankCode.Split('/') is [_, var f] ? f : null;
        var (status, reason) = s.Status switch
        {
            UnifiedPaymentStatus.Completed => (PaymentStatuses.Completed, (string?)null),
            UnifiedPaymentStatus.Rejected when flag == "R" => (PaymentStatuses.Rejected, "Vetoed by the bank-side approver"),
            UnifiedPaymentStatus.Rejected => (PaymentStatuses.Rejected, s.ReasonText ?? "Failed at the bank"),
            UnifiedPaymentStatus.Returned => (PaymentStatuses.Returned, s.ReasonText ?? "Bounced after success (退票)"),
            UnifiedPaymentStatus.Cancelled when flag == "D" => (PaymentStatuses.Rejected, "Expired without bank-side approval"),
            UnifiedPaymentStatus.Cancelled => (PaymentStatuses.Cancelled, "Cancelled at the bank"),
            // OPR, AUT, NTE, BNK…: the bank has it and is working on it.
            _ => (PaymentStatuses.Accepted, null),
        };
        return new PaymentBankStatus(yurRef, status, null, s.Reason ?? flag ?? s.BankCode, reason);
    }
}
