using BankFunctions.Features.Auth;

namespace BankFunctions.Features.Runtime;

/// <summary>How a function is started: the same three trigger kinds Azure Functions offers.</summary>
public abstract record Trigger;

/// <summary>
/// An HTTP route, e.g. <c>POST v1/payments</c> (no leading slash, ASP.NET route template syntax), who may call
/// it, and what it takes and returns (for the OpenAPI document).
/// </summary>
public sealed record HttpTrigger(string Method, string Route, Access Access, string Summary) : Trigger
{
    public Type? RequestBody { get; init; }
    public Type? ResponseBody { get; init; }
    public int SuccessStatus { get; init; } = 200;
    /// <summary>Query parameters the route reads (documented in OpenAPI).</summary>
    public IReadOnlyList<string> Query { get; init; } = [];
    /// <summary>Media types of a body that is a file rather than JSON (statement import), for the OpenAPI document.</summary>
    public IReadOnlyList<string> RawBodyTypes { get; init; } = [];
    /// <summary>Media types the success response may have besides JSON (CSV, XML files), for the OpenAPI document.</summary>
    public IReadOnlyList<string> ResponseMediaTypes { get; init; } = [];
    /// <summary>
    /// The success response is a stored document with <c>ETag</c> (its quoted SHA-256), <c>Digest</c> (RFC 3230) and
    /// <c>Repr-Digest</c> (RFC 9530); <c>If-None-Match</c> answers 304. For the OpenAPI document.
    /// </summary>
    public bool Digested { get; init; }
    /// <summary>Request headers the route requires (e.g. Idempotency-Key).</summary>
    public IReadOnlyList<string> RequiredHeaders { get; init; } = [];
}

/// <summary>A Storage Queue; messages are Base64-encoded as the Functions runtime expects by default.</summary>
public sealed record QueueTrigger(string QueueName) : Trigger;

/// <summary>A six-field NCRONTAB schedule ("sec min hour day month dow"), evaluated in UTC.</summary>
public sealed record TimerTrigger(string Schedule) : Trigger;

/// <summary>One entry of the FunctionCatalog: a name (as in Azure), its trigger and its handler type.</summary>
public sealed record FunctionDefinition(string Name, Trigger Trigger, Type Handler);
