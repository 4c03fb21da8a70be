extern alias JsonSchemaNet;

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JsonSchemaNet::Json.Schema;

namespace BankFunctions.Host.Tests.Contract;

/// <summary>
/// The served OpenAPI document as an independent JSON Schema 2020-12 validator (JsonSchema.Net) reads it: finds the
/// documented response of a request and checks a response against it. Compiled schemas are cached (one per component).
/// </summary>
public sealed class OpenApiContract
{
    private const string Root = "urn:bankfunctions:openapi";
    private readonly JsonObject _paths;
    private readonly string _defs;
    private readonly List<(Regex Pattern, string Template)> _templates;
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    public OpenApiContract(JsonObject document)
    {
        Document = document;
        _paths = document["paths"]!.AsObject();
        // OpenAPI's "#/components/schemas/X" becomes "#/$defs/X" of one standalone 2020-12 schema document.
        _defs = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        _templates = _paths.Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[A-Za-z]+}", "[^/]+") + "$"), p.Key)).ToList();
    }

    public JsonObject Document { get; }

    public IEnumerable<string> ComponentNames => Document["components"]!["schemas"]!.AsObject().Select(p => p.Key);

    /// <summary>The operation of a method and path, or null when the document has no such path (an unknown route).</summary>
    public JsonObject? Operation(string method, string path, out string? template)
    {
        template = _templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
        return template is null ? null : _paths[template]?[method.ToLowerInvariant()] as JsonObject;
    }

    /// <summary>What is wrong with a response (empty: it matches its documented status, required headers, media type and schema).</summary>
    public IReadOnlyList<string> Check(JsonObject operation, int status, string? mediaType, string body, Func<string, bool>? hasHeader = null)
    {
        var responses = operation["responses"]!.AsObject();
        var documented = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? responses[$"{status / 100}XX"];
        if (documented is null)
        {
            return [$"status {status} is not documented"];
        }
        if (hasHeader is not null && documented["headers"] is JsonObject headers)
        {
            var missing = headers.Where(h => h.Value?["required"]?.GetValue<bool>() == true && !hasHeader(h.Key)).Select(h => h.Key).ToList();
            if (missing.Count > 0)
            {
                return [$"status {status}: required header(s) {string.Join(", ", missing)} missing"];
            }
        }
        var content = documented["content"] as JsonObject;
        if (content is null)
        {
            return body.Length == 0 ? [] : [$"status {status} is documented without a body but has one"];
        }
        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return [$"status {status}: media type '{mediaType}' is not documented ({string.Join(", ", content.Select(c => c.Key))})"];
        }
        if (media["schema"]?["$ref"]?.GetValue<string>() is not { } reference)
        {
            return [];
        }
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"status {status}: the body is not JSON ({e.Message})"];
        }
        return Validate(reference["#/components/schemas/".Length..], instance);
    }

    /// <summary>Validates a value against components/schemas/<paramref name="name"/>.</summary>
    public IReadOnlyList<string> Validate(string name, JsonNode? instance)
    {
        var schema = _compiled.GetOrAdd(name, n => JsonSchema.FromText(
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"{{Root}}:{{n}}","$ref":"#/$defs/{{n}}","$defs":{{_defs}}}"""));
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        return result.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{name} at '{d.InstanceLocation}': {e.Key}: {e.Value}"))
            .DefaultIfEmpty($"{name}: invalid")
            .ToList();
    }
}
