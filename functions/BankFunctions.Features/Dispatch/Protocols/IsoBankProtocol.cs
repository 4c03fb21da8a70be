using System.Globalization;
using BankFunctions.Banks;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Status;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Iso20022;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// ISO 20022 over HTTPS (BANKS.md §A): one pain.001.001.09 per file, signed once by the adapter (detached signature
/// over the exact bytes), sent as stored with the customer id and key id; status from pain.002 looked up by our MsgId.
/// Every bank call goes through the bank's <see cref="IBankAdapter"/> and its Polly pipeline.
/// </summary>
public sealed class IsoBankProtocol(BankAdapters adapters) : IBankProtocol
{
    public bool Serves(string bank) => KnownBanks.All.GetValueOrDefault(bank) == BankProtocol.Iso20022;

    public async Task<PreparedFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).PreparePaymentFileAsync(new PreparePaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), request.File.FileId, request.File.CreatedAt,
            Pain001(request)), cancellationToken);
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
        // X-Key-Id names the key as it was registered with the bank (a Key Vault signature reports a versioned kid).
        var signature = new SignatureResult(file.Signature, file.SignatureAlgorithm, request.Connection.SigningKeyId);
        var result = await adapters.Payments(request.File.Bank).SendPaymentFileAsync(new SendPaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), file.Content, signature), cancellationToken);
        return AdapterFiles.Send(result, Map);
    }

    public async Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).QueryPaymentStatusAsync(
            new QueryPaymentStatusRequest(connection, AdapterFiles.Kind(request), null, request.File.MessageId, []), cancellationToken);
        return AdapterFiles.Status(result, request, Map);
    }

    private static byte[] Pain001(BankFileRequest request)
    {
        var file = request.File;
        var debtor = request.Debtor;
        var transfers = request.Payments.Select(p =>
        {
            var currency = Domain.Currency.Find(p.Currency) ?? throw new InvalidOperationException($"unknown currency {p.Currency}");
            return new Pain001Transfer(p.BankReference, decimal.Parse(p.Amount, CultureInfo.InvariantCulture), p.Currency, currency.MinorUnits,
                new Pain001Party(p.CreditorName, p.CreditorIban, p.CreditorAccountNumber, p.CreditorBic), p.RemittanceInformation,
                file.Kind == "payroll" ? "SALA" : null);
        }).ToList();
        var message = new Pain001Message(file.MessageId, file.CreatedAt, debtor.Name,
        [
            new Pain001PaymentInfo(file.MessageId + "-1", DateOnly.ParseExact(file.ExecutionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                new Pain001Party(debtor.Name, debtor.Iban, debtor.AccountNumber, debtor.Bic), transfers),
        ]);
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, message, Pain001Dialect.V09);
        return stream.ToArray();
    }

    /// <summary>pain.002 status (mapped by the adapter) → the contract's statuses; the ISO code, reason code and text kept.</summary>
    private static PaymentBankStatus? Map(string endToEndId, BankPaymentStatus s)
    {
        var status = s.Status switch
        {
            UnifiedPaymentStatus.Received => PaymentStatuses.Sent,
            UnifiedPaymentStatus.Accepted => PaymentStatuses.Accepted,
            // PDNG: the bank holds it (e.g. a later execution date). An unknown code concludes nothing.
            UnifiedPaymentStatus.Pending when s.BankCode == "PDNG" => PaymentStatuses.Accepted,
            UnifiedPaymentStatus.Completed => PaymentStatuses.Completed,
            UnifiedPaymentStatus.Rejected => PaymentStatuses.Rejected,
            UnifiedPaymentStatus.Cancelled => PaymentStatuses.Cancelled,
            UnifiedPaymentStatus.Returned => PaymentStatuses.Returned,
            _ => null,
        };
        return status is null ? null : new PaymentBankStatus(endToEndId, status, s.BankCode, s.Reason, s.ReasonText ?? Reasons.Describe(s.Reason));
    }
}
