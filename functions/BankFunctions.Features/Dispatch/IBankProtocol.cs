using BankFunctions.Banks;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>What the sign stage hands a bank protocol: everything needed to build the bank's file for these payments.</summary>
public sealed record BankFileRequest(BankFileRow File, BankConnectionRow Connection, AccountRow Debtor, IReadOnlyList<PaymentRow> Payments);

/// <summary>How a send ended, classified once at the adapter boundary (ARCHITECTURE.md §5).</summary>
public abstract record SendOutcome
{
    /// <summary>
    /// The bank took the file; <paramref name="BankFileReference"/> is its id for it. <paramref name="Statuses"/>: what
    /// the answer already says about each payment (the CMB-style bank validates synchronously and returns reqSts), so
    /// the payments move without waiting for the first status poll.
    /// </summary>
    public sealed record Accepted(string BankFileReference, IReadOnlyList<PaymentBankStatus>? Statuses = null) : SendOutcome;
    /// <summary>The bank already has this file (MsgId 409 / NCB4241): look it up, never fail the payments.</summary>
    public sealed record Duplicate(string? BankFileReference) : SendOutcome;
    /// <summary>Not taken and safe to try again (5xx, 429, connection refused, timeout before sending).</summary>
    public sealed record Retryable(string Reason, TimeSpan? RetryAfter, string? Code = null) : SendOutcome;
    /// <summary>Refused for good (validation, authentication, a bank rejection of the whole file).</summary>
    public sealed record Terminal(string Code, string Reason) : SendOutcome;
    /// <summary>The request left and no answer came (timeout, reset): resolve by a status query, never by a resend.</summary>
    public sealed record UnknownOutcome(string Reason, string? Code = null) : SendOutcome;
}

/// <summary>One payment's status as the bank reports it, mapped to the contract's statuses with the bank's own codes kept.</summary>
public sealed record PaymentBankStatus(string BankReference, string Status, string? IsoStatus, string? BankCode, string? Reason);

/// <summary>What a status query found.</summary>
public abstract record StatusOutcome
{
    public sealed record Found(string? BankFileReference, IReadOnlyList<PaymentBankStatus> Payments) : StatusOutcome;
    /// <summary>The bank has no record of the file: it never arrived, so sending it (same references) is safe.</summary>
    public sealed record NotFound : StatusOutcome;
    /// <summary>No answer this time; <paramref name="RetryAfter"/> when the bank (or its open circuit) says how long to wait.</summary>
    public sealed record Unavailable(string Reason, TimeSpan? RetryAfter = null, string? Code = null) : StatusOutcome;
    /// <summary>
    /// The bank answered the query with a lasting refusal (auth, validation): waiting for it will not help, so the
    /// stages fail the message and, after its deliveries, its payments need a person.
    /// </summary>
    public sealed record Refused(string Reason) : StatusOutcome;
}

/// <summary>
/// One bank protocol family (ISO 20022 over HTTPS, CMB-style cloud API): builds and signs files, sends them, queries
/// their status. Bank differences live behind this seam, as data of each implementation.
/// </summary>
public interface IBankProtocol
{
    /// <summary>True when this protocol serves <paramref name="bank"/>.</summary>
    bool Serves(string bank);

    /// <summary>The bytes that go to the bank, exactly as they will be sent, and their signature (<see cref="PreparedPaymentFile"/>).</summary>
    Task<PreparedPaymentFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken);

    Task<SendOutcome> SendAsync(BankFileRequest request, PreparedPaymentFile file, CancellationToken cancellationToken);

    Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken);
}
