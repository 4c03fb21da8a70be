namespace BankFunctions.Banks;

/// <summary>
/// What a bank call means for the caller, decided once at the adapter boundary (ARCHITECTURE.md §5, STYLE rule 5).
/// Only <see cref="Retryable"/> may go back to a queue for another attempt.
/// </summary>
public enum BankCallOutcome
{
    Success,

    /// <summary>The bank certainly did not act (5xx, 429, connection refused, timeout before the request left): try again later.</summary>
    Retryable,

    /// <summary>The bank refused for good (validation, auth, rejection): retrying would get the same answer.</summary>
    Terminal,

    /// <summary>The request left but no answer came (timeout or reset after sending): resolve with a status query, never a blind resend.</summary>
    UnknownOutcome,

    /// <summary>The bank already has this reference (ISO 409 with the original fileId, CMB NCB4241): look the original up.</summary>
    Duplicate,

    /// <summary>This bank (adapter) does not offer the operation.</summary>
    NotSupported,
}

/// <summary>The result of one adapter operation: an outcome, the value on success, and the bank's error when not.</summary>
public sealed record BankResult<T>(
    BankCallOutcome Outcome,
    T? Value = default,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    TimeSpan? RetryAfter = null,
    int? HttpStatus = null)
{
    public bool IsSuccess => Outcome == BankCallOutcome.Success;
}

public static class BankResult
{
    public static BankResult<T> Success<T>(T value) => new(BankCallOutcome.Success, value);

    public static BankResult<T> NotSupported<T>(string operation) =>
        new(BankCallOutcome.NotSupported, ErrorCode: "NotSupported", ErrorMessage: $"{operation} is not supported by this bank.");

    public static BankResult<T> Failure<T>(BankCallOutcome outcome, string? code, string? message, int? httpStatus = null, TimeSpan? retryAfter = null) =>
        new(outcome, default, code, message, retryAfter, httpStatus);
}
