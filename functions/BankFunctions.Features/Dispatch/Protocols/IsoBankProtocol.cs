using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using System.Globalization;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Status;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Iso20022;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// ISO 20022 over HTTPS (BANKS.md §A): one pain.001.001.09 per file, signed once by the adapter (detached signature
/// over the exact bytes), sent as stored with the customer id and key id; status from pain.002 looked up by our MsgId.
/// </summary>
public sealed class IsoBankProtocol(BankAdapters adapters) : AdapterBankProtocol(adapters, BankProtocol.Iso20022)
{
    protected override byte[]? Document(BankFileRequest request) => Pain001(request);

    /// <summary>X-Key-Id names the key as it was registered with the bank (a Key Vault signature reports a versioned kid).</summary>
    protected override SignatureResult? Signature(BankFileRequest request, PreparedPaymentFile file) =>
        file.Signature with { KeyId = request.Connection.SigningKeyId };

    protected override IReadOnlyList<string> QueryReferences(BankFileRequest request) => [];

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
    protected override PaymentBankStatus? Map(string reference, BankPaymentStatus status)
    {
        var contract = status.Status switch
        {
            UnifiedPaymentStatus.Received => PaymentStatus.Sent.ToWire(),
            UnifiedPaymentStatus.Accepted => PaymentStatus.Accepted.ToWire(),
            // PDNG: the bank holds it (e.g. a later execution date). An unknown code concludes nothing.
            UnifiedPaymentStatus.Pending when status.BankCode == "PDNG" => PaymentStatus.Accepted.ToWire(),
            UnifiedPaymentStatus.Completed => PaymentStatus.Completed.ToWire(),
            UnifiedPaymentStatus.Rejected => PaymentStatus.Rejected.ToWire(),
            UnifiedPaymentStatus.Cancelled => PaymentStatus.Cancelled.ToWire(),
            UnifiedPaymentStatus.Returned => PaymentStatus.Returned.ToWire(),
            _ => null,
        };
        return contract is null ? null : new PaymentBankStatus(reference, contract, status.BankCode, status.Reason, status.ReasonText ?? Reasons.Describe(status.Reason));
    }
}
