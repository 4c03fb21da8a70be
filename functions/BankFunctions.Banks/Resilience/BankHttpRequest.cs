namespace BankFunctions.Banks.Resilience;

/// <param name="Idempotent">
/// True for reads (status, balances, statements): an unknown outcome of a read is simply retried. False for sends,
/// where a request that left without an answer is <see cref="BankCallOutcome.UnknownOutcome"/>.
/// </param>
public sealed record BankHttpRequest(
    HttpMethod Method,
    string RelativeUri,
    bool Idempotent,
    byte[]? Body = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>One classified HTTP exchange with the bank. <see cref="Body"/> is empty when no response arrived.</summary>
public sealed record BankHttpResponse(
    BankCallOutcome Outcome,
    int? Status,
    byte[] Body,
    string? ContentType = null,
    TimeSpan? RetryAfter = null,
    string? Error = null);
