namespace BankFunctions.Features.Http;

/// <summary>Stable RFC 9457 problem type URIs, one per error kind. Clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://bankfunctions.dev/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string Unauthenticated = Base + "unauthenticated";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string IdempotencyInFlight = Base + "idempotency-in-flight";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string InvalidState = Base + "invalid-state";
    /// <summary>412: If-Match named a version that is no longer the current one (someone else changed it first).</summary>
    public const string PreconditionFailed = Base + "precondition-failed";
    /// <summary>A statement file that cannot be read (the detail names file, line or element, and what was expected).</summary>
    public const string StatementFormat = Base + "statement-format";
    /// <summary>A readable statement file that belongs to another account or currency.</summary>
    public const string StatementMismatch = Base + "statement-mismatch";
    public const string Unavailable = Base + "unavailable";
    /// <summary>404: the payment or entry exists but its bank has no e-receipt for it (yet, or at all); it is fetched in the background.</summary>
    public const string ReceiptNotAvailable = Base + "receipt-not-available";
    public const string Internal = Base + "internal";
}
