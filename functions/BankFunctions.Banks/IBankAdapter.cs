namespace BankFunctions.Banks;

/// <summary>
/// One bank protocol family (ISO 20022 over HTTPS, CMB-style cloud API), the one boundary between the gateway and
/// its banks. Small on purpose (STYLE rule 3): each family builds its own documents from a <see cref="PaymentFile"/>,
/// signs them through <c>ISigner</c>, maps the bank's codes once to the domain's payment status (keeping the bank's
/// own words) and classifies every answer once (<see cref="SendOutcome"/>, <see cref="StatusOutcome"/>,
/// <see cref="BankCallOutcome"/>). What the bank offers is data (<see cref="Capabilities"/>) and anything else returns
/// <see cref="BankCallOutcome.NotSupported"/>. Adapters keep no per-call state: statement cursors travel in and out,
/// opaque to the caller.
/// </summary>
public interface IBankAdapter
{
    /// <summary>The bank's id in configuration and storage.</summary>
    string BankId { get; }

    BankCapabilities Capabilities { get; }

    /// <summary>Builds and signs the bank's document for a file once, to be stored and then sent as is with <see cref="SendPaymentFileAsync"/>.</summary>
    Task<BankResult<PreparedPaymentFile>> PreparePaymentFileAsync(PaymentFile file, CancellationToken cancellationToken);

    /// <summary>Sends a prepared file exactly as prepared. Resending the same references is safe: the bank answers Duplicate.</summary>
    Task<SendOutcome> SendPaymentFileAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken);

    /// <summary>Where the file's payments stand, found by our own references — also how an unknown outcome is resolved.</summary>
    Task<StatusOutcome> QueryPaymentStatusAsync(PaymentFile file, CancellationToken cancellationToken);

    Task<BankResult<IReadOnlyList<AccountBalance>>> GetBalancesAsync(GetBalancesRequest request, CancellationToken cancellationToken);

    /// <summary>One chunk of raw statement data from the stored cursor; returns the cursor to store and whether more is waiting.</summary>
    Task<BankResult<StatementChunk>> FetchStatementsAsync(FetchStatementsRequest request, CancellationToken cancellationToken);

    /// <summary>The bank's e-receipt (电子回单) for one booked transaction.</summary>
    Task<BankResult<Receipt>> GetReceiptAsync(GetReceiptRequest request, CancellationToken cancellationToken);
}
