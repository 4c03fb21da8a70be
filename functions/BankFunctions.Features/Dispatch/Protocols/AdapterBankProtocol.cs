using BankFunctions.Banks;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Status;
using BankFunctions.Features.BankConnections;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// A bank protocol family on top of its <see cref="IBankAdapter"/>: the file is prepared (signed once) by the adapter,
/// stored by the sign stage, and sent as stored; every call goes through the bank's one Polly pipeline. A family
/// says only what differs: the document it builds itself, the signature it sends, the references it queries by and
/// how the bank's statuses read in the contract's terms.
/// </summary>
public abstract class AdapterBankProtocol(BankAdapters adapters, BankProtocol family) : IBankProtocol
{
    public bool Serves(string bank) => adapters.Family(bank) == family;

    public async Task<PreparedPaymentFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).PreparePaymentFileAsync(new PreparePaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), request.File.FileId, request.File.CreatedAt,
            Document(request)), cancellationToken);
        if (!result.IsSuccess)
        {
            // Nothing was signed; the same rows would be refused again.
            throw new InvalidOperationException($"The bank adapter refused to prepare file {request.File.FileId}: {result.ErrorCode}: {result.ErrorMessage}");
        }
        return result.Value!;
    }

    public async Task<SendOutcome> SendAsync(BankFileRequest request, PreparedPaymentFile file, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).SendPaymentFileAsync(new SendPaymentFileRequest(
            connection, request.File.MessageId, AdapterFiles.Kind(request), AdapterFiles.Instructions(request), file.Document, Signature(request, file)), cancellationToken);
        return AdapterFiles.Send(result, Map);
    }

    public async Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var connection = await adapters.ConnectionAsync(request.Connection, cancellationToken);
        var result = await adapters.Payments(request.File.Bank).QueryPaymentStatusAsync(new QueryPaymentStatusRequest(
            connection, AdapterFiles.Kind(request), null, request.File.MessageId, QueryReferences(request)), cancellationToken);
        return AdapterFiles.Status(result, request, Map);
    }

    /// <summary>The document the adapter signs as is (ISO: the pain.001); null when the adapter builds it (CMB).</summary>
    protected abstract byte[]? Document(BankFileRequest request);

    /// <summary>The detached signature sent beside the file; null when it sits inside the file (CMB).</summary>
    protected abstract SignatureResult? Signature(BankFileRequest request, PreparedPaymentFile file);

    /// <summary>Our references to filter the status query by; empty to ask by the file reference alone.</summary>
    protected abstract IReadOnlyList<string> QueryReferences(BankFileRequest request);

    /// <summary>A bank status (mapped by the adapter) in the contract's terms, the bank's own codes kept; null changes nothing.</summary>
    protected abstract PaymentBankStatus? Map(string reference, BankPaymentStatus status);
}
