namespace BankFunctions.Banks;

/// <summary>
/// One bank, one protocol. Small on purpose (STYLE rule 3): request/response records in, a classified
/// <see cref="BankResult{T}"/> out; what the bank offers is data (<see cref="Capabilities"/>) and anything else
/// returns <see cref="BankCallOutcome.NotSupported"/>. Adapters keep no per-call state (cursors travel in and out).
/// </summary>
public interface IBankAdapter
{
    /// <summary>The bank's id in configuration and storage, e.g. "simbank-iso".</summary>
    string BankId { get; }

    BankCapabilities Capabilities { get; }

    /// <summary>Builds and signs a payment file once, to be stored and then sent as is with <see cref="SendPaymentFileAsync"/>.</summary>
    Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PreparePaymentFileRequest request, CancellationToken cancellationToken);

    /// <summary>Sends one signed payment file (single, batch or payroll). Resending the same references is safe: the bank answers Duplicate.</summary>
    Task<BankResult<PaymentFileAck>> SendPaymentFileAsync(SendPaymentFileRequest request, CancellationToken cancellationToken);

    /// <summary>Status by the bank's file id or by our own references — the way an unknown outcome is resolved.</summary>
    Task<BankResult<PaymentStatusReport>> QueryPaymentStatusAsync(QueryPaymentStatusRequest request, CancellationToken cancellationToken);

    Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken);

    /// <summary>One page of raw statement data from a cursor; returns the next cursor and whether more is waiting.</summary>
    Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken);

    /// <summary>The bank's e-receipt (电子回单) for one booked transaction.</summary>
    Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken);
}
