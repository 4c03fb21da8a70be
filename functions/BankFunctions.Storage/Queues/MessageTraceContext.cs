using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BankFunctions.Storage.Queues;

/// <summary>
/// W3C trace context (https://www.w3.org/TR/trace-context/) carried in a queue message's JSON body: Storage Queue
/// messages have no headers, so the enqueuing activity's <c>traceparent</c> (and <c>tracestate</c>) travel as two
/// properties of the message object. <see cref="Attach"/> is used by the one writer (<see cref="StorageQueueSender"/>),
/// <see cref="Detach"/> by the one reader (the queue invocation both hosts share). The message records themselves
/// never see these properties (they are parsed with unknown members refused).
/// </summary>
public static class MessageTraceContext
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    // Re-serialising a received body keeps non-ASCII text (Chinese names, remittance) as it was sent, not \u-escaped.
    private static readonly JsonSerializerOptions Readable = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>
    /// The body with the activity's context inserted as the object's first properties. Unchanged when there is no W3C
    /// activity, the body is not a JSON object, or it already carries a traceparent. The original text is kept byte for
    /// byte (re-serialising would escape non-ASCII text and could push a message past 64 KiB).
    /// </summary>
    public static string Attach(string body, Activity? activity)
    {
        if (activity is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } || !IsObjectWithoutTrace(body))
        {
            return body;
        }
        var open = body.IndexOf('{', StringComparison.Ordinal);
        var rest = body[(open + 1)..];
        var empty = rest.TrimStart().StartsWith('}');
        var inserted = JsonEncodedPair(TraceParent, traceParent)
            + (string.IsNullOrEmpty(activity.TraceStateString) ? "" : "," + JsonEncodedPair(TraceState, activity.TraceStateString))
            + (empty ? "" : ",");
        return string.Concat(body.AsSpan(0, open + 1), inserted, rest);
    }

    /// <summary>
    /// Splits a received body into the body the handler parses (trace properties removed) and the parent context. A
    /// missing or malformed traceparent gives no parent (a fresh trace), never an error; a body that is not a JSON
    /// object is returned as it is, for the handler to reject.
    /// </summary>
    public static (string Body, ActivityContext? Parent) Detach(string body)
    {
        JsonObject? message;
        try
        {
            message = body.Contains(TraceParent, StringComparison.Ordinal) || body.Contains(TraceState, StringComparison.Ordinal)
                ? JsonNode.Parse(body) as JsonObject
                : null;
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null || !(message.ContainsKey(TraceParent) || message.ContainsKey(TraceState)))
        {
            return (body, null);
        }
        var traceParent = StringValue(message, TraceParent);
        var traceState = StringValue(message, TraceState);
        message.Remove(TraceParent);
        message.Remove(TraceState);
        ActivityContext? parent = traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context)
            ? context
            : null;
        return (message.ToJsonString(Readable), parent);
    }

    private static string? StringValue(JsonObject message, string name) =>
        message[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsObjectWithoutTrace(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && !root.TryGetProperty(TraceParent, out _) && !root.TryGetProperty(TraceState, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string JsonEncodedPair(string name, string value) => $"\"{name}\":{JsonSerializer.Serialize(value)}";
}
