using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>A function the worker indexed and loaded: its id, its trigger binding, and for HTTP the host-side route (prefix from host.json).</summary>
public sealed class LoadedFunction
{
    private readonly TemplateMatcher? _route;

    public LoadedFunction(RpcFunctionMetadata metadata, string routePrefix)
    {
        Metadata = metadata;
        Trigger = metadata.RawBindings.Select(b => JsonNode.Parse(b)!.AsObject())
            .Single(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);
        if (TriggerType == "httpTrigger")
        {
            var route = (string?)Trigger["route"] ?? metadata.Name;
            RouteTemplate = string.IsNullOrEmpty(routePrefix) ? route : routePrefix + "/" + route;
            _route = new TemplateMatcher(TemplateParser.Parse(RouteTemplate), new RouteValueDictionary());
            Methods = Trigger["methods"]?.AsArray().Select(m => ((string)m!).ToUpperInvariant()).ToList() ?? [];
        }
    }

    public RpcFunctionMetadata Metadata { get; }
    public string Name => Metadata.Name;
    public string FunctionId => Metadata.FunctionId;
    public JsonObject Trigger { get; }
    public string TriggerType => (string)Trigger["type"]!;
    public string TriggerName => (string)Trigger["name"]!;
    public string? QueueName => (string?)Trigger["queueName"];
    public string? RouteTemplate { get; }
    public IReadOnlyList<string> Methods { get; } = [];

    /// <summary>Route values when <paramref name="path"/> (no leading slash) matches this function's route and method.</summary>
    public RouteValueDictionary? Match(string method, string path)
    {
        if (_route is null || !Methods.Contains(method.ToUpperInvariant()))
        {
            return null;
        }
        var values = new RouteValueDictionary();
        return _route.TryMatch("/" + path, values) ? values : null;
    }
}
