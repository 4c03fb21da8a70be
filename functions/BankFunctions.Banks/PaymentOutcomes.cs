namespace BankFunctions.Banks;

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

/// <summary>A family's reading of the bank's answer (<see cref="BankResult{T}"/>) as the outcome the dispatch stages act on.</summary>
internal static class PaymentOutcomes
{
    public static SendOutcome Send(BankResult<PaymentFileAck> result) => result.Outcome switch
    {
        BankCallOutcome.Success => new SendOutcome.Accepted(result.Value?.BankFileId ?? "",
            result.Value?.Items.Select(i => i.Status?.For(i.Reference)).OfType<PaymentBankStatus>().ToList()),
        BankCallOutcome.Duplicate => new SendOutcome.Duplicate(result.Value?.BankFileId),
        BankCallOutcome.Retryable => new SendOutcome.Retryable(Describe(result), result.RetryAfter, result.ErrorCode),
        BankCallOutcome.UnknownOutcome => new SendOutcome.UnknownOutcome(Describe(result), result.ErrorCode),
        // Terminal and NotSupported: the bank refused the whole file for good.
        _ => new SendOutcome.Terminal(result.ErrorCode ?? "BANK", result.ErrorMessage ?? "The bank refused the file."),
    };

    /// <summary>
    /// A status report as per-payment statuses. A report with a group status and no transaction detail speaks for
    /// every payment of the file (pain.002: the group status applies to all its transactions).
    /// </summary>
    public static StatusOutcome Status(BankResult<PaymentStatusReport> result, PaymentFile file)
    {
        switch (result.Outcome)
        {
            case BankCallOutcome.Success:
                break;
            case BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome:
                return new StatusOutcome.Unavailable(Describe(result), result.RetryAfter, result.ErrorCode);
            default:
                return new StatusOutcome.Refused(Describe(result));
        }
        var report = result.Value!;
        if (!report.Found)
        {
            return new StatusOutcome.NotFound();
        }
        var statuses = report.Items.Select(i => i.Status.For(i.Reference)).OfType<PaymentBankStatus>().ToList();
        if (report.Items.Count == 0 && report.Group is { } group)
        {
            statuses = file.Payments.Select(p => group.For(p.Reference)).OfType<PaymentBankStatus>().ToList();
        }
        return new StatusOutcome.Found(null, statuses);
    }

    private static string Describe<T>(BankResult<T> result) =>
        $"{result.ErrorCode}{(result.ErrorMessage is { Length: > 0 } m ? ": " + m : "")}";
}
