using System.Text.Json.Nodes;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;

namespace BankFunctions.FunctionApp.Tests.Metadata;

/// <summary>
/// Compares a functions.metadata (what the Functions host indexes) with the FunctionCatalog (what the ASP.NET Core
/// host wires): every difference as one line naming the function. A pure function, so its own tests can feed it
/// broken metadata.
/// </summary>
public static class MetadataCheck
{
    /// <summary>The only storage connection the app uses: the Functions host's own (identity-based in Azure).</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<string> Differences(IReadOnlyList<FunctionDefinition> catalog, IReadOnlyList<JsonObject> metadata)
    {
        var problems = new List<string>();
        var byName = metadata.GroupBy(m => (string?)m["name"] ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (name, entries) in byName.Where(e => e.Value.Count > 1))
        {
            problems.Add($"{name}: {entries.Count} functions with this name");
        }
        foreach (var name in byName.Keys.Except(catalog.Select(f => f.Name), StringComparer.Ordinal))
        {
            problems.Add($"{name}: in functions.metadata but not in the catalog");
        }
        foreach (var function in catalog)
        {
            if (!byName.TryGetValue(function.Name, out var entries))
            {
                problems.Add($"{function.Name}: in the catalog but not in functions.metadata");
                continue;
            }
            problems.AddRange(Compare(function, entries[0]).Select(p => $"{function.Name}: {p}"));
        }
        return problems;
    }

    /// <summary>The queue names the metadata's queue triggers read.</summary>
    public static IEnumerable<string> TriggerQueues(IReadOnlyList<JsonObject> metadata) =>
        metadata.Select(Trigger).Where(t => (string?)t?["type"] == "queueTrigger").Select(t => (string)t!["queueName"]!);

    public static JsonObject? Trigger(JsonObject function) =>
        function["bindings"]?.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);

    private static IEnumerable<string> Compare(FunctionDefinition function, JsonObject entry)
    {
        var bindings = entry["bindings"]?.AsArray().Select(b => b!.AsObject()).ToList() ?? [];
        var triggers = bindings.Where(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true).ToList();
        if (triggers.Count != 1)
        {
            yield return $"{triggers.Count} trigger bindings, expected 1";
            yield break;
        }
        var trigger = triggers[0];
        if ((string?)entry["language"] != "dotnet-isolated")
        {
            yield return $"language {(string?)entry["language"]}, expected dotnet-isolated";
        }
        switch (function.Trigger)
        {
            case HttpTrigger http:
                foreach (var p in CompareHttp(http, trigger, bindings))
                {
                    yield return p;
                }
                break;
            case QueueTrigger queue:
                if ((string?)trigger["type"] != "queueTrigger")
                {
                    yield return $"trigger {(string?)trigger["type"]}, expected queueTrigger";
                    yield break;
                }
                if ((string?)trigger["queueName"] != queue.QueueName)
                {
                    yield return $"queue {(string?)trigger["queueName"]}, expected {queue.QueueName}";
                }
                // No "connection" means the Functions default, AzureWebJobsStorage.
                var connection = (string?)trigger["connection"] ?? StorageConnection;
                if (connection != StorageConnection)
                {
                    yield return $"connection {connection}, expected {StorageConnection}";
                }
                break;
            case TimerTrigger timer:
                if ((string?)trigger["type"] != "timerTrigger")
                {
                    yield return $"trigger {(string?)trigger["type"]}, expected timerTrigger";
                    yield break;
                }
                var schedule = (string?)trigger["schedule"];
                if (schedule != timer.Schedule)
                {
                    yield return $"schedule {schedule}, expected {timer.Schedule}";
                }
                if (schedule?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
                {
                    yield return $"schedule {schedule} is not six-field NCRONTAB";
                }
                // The local host's TimerRunner does not run a timer at start; neither may the Functions host.
                if (trigger["runOnStartup"] is { } runOnStartup && (bool)runOnStartup)
                {
                    yield return "runOnStartup is true, expected false";
                }
                break;
        }
    }

    private static IEnumerable<string> CompareHttp(HttpTrigger http, JsonObject trigger, List<JsonObject> bindings)
    {
        if ((string?)trigger["type"] != "httpTrigger")
        {
            yield return $"trigger {(string?)trigger["type"]}, expected httpTrigger";
            yield break;
        }
        if ((string?)trigger["route"] != http.Route)
        {
            yield return $"route {(string?)trigger["route"]}, expected {http.Route}";
        }
        var methods = trigger["methods"]?.AsArray().Select(m => ((string?)m)?.ToUpperInvariant()).ToList() ?? [];
        if (methods.Count != 1 || methods[0] != http.Method)
        {
            yield return $"methods [{string.Join(',', methods)}], expected [{http.Method}]";
        }
        // Keys and roles are checked by the shared invoker; the Functions host's own keys must not stand in front.
        if (!string.Equals((string?)trigger["authLevel"], "Anonymous", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"authLevel {(string?)trigger["authLevel"]}, expected Anonymous";
        }
        if (!bindings.Any(b => (string?)b["type"] == "http" && (string?)b["direction"] == "Out"))
        {
            yield return "no http output binding";
        }
    }
}
