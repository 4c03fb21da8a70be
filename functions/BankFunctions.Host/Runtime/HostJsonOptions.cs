using System.Globalization;
using System.Text.Json;

namespace BankFunctions.Host.Runtime;

/// <summary>
/// The Azure Functions settings the host mirrors, read from host.json (extensions.queues, functionTimeout) so both
/// hosts behave the same. Defaults are the Functions defaults.
/// </summary>
public sealed record HostJsonOptions
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public int MaxDequeueCount { get; init; } = 5;
    public bool Base64Encoding { get; init; } = true;
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public static HostJsonOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"host.json not found at {path} (set HostJson__Path).");
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var options = new HostJsonOptions();
        if (doc.RootElement.TryGetProperty("functionTimeout", out var timeout))
        {
            options = options with { FunctionTimeout = Span(timeout, "functionTimeout") };
        }
        if (doc.RootElement.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("queues", out var q))
        {
            options = options with
            {
                BatchSize = q.TryGetProperty("batchSize", out var b) ? b.GetInt32() : options.BatchSize,
                NewBatchThreshold = q.TryGetProperty("newBatchThreshold", out var n) ? n.GetInt32() : options.NewBatchThreshold,
                MaxPollingInterval = q.TryGetProperty("maxPollingInterval", out var m) ? Span(m, "maxPollingInterval") : options.MaxPollingInterval,
                VisibilityTimeout = q.TryGetProperty("visibilityTimeout", out var v) ? Span(v, "visibilityTimeout") : options.VisibilityTimeout,
                MaxDequeueCount = q.TryGetProperty("maxDequeueCount", out var d) ? d.GetInt32() : options.MaxDequeueCount,
                Base64Encoding = !q.TryGetProperty("messageEncoding", out var e) || !string.Equals(e.GetString(), "none", StringComparison.OrdinalIgnoreCase),
            };
        }
        options.Validate();
        return options;
    }

    public void Validate()
    {
        // Limits as Azure Functions documents them for the queue extension.
        if (BatchSize is < 1 or > 32) throw new InvalidOperationException("host.json queues.batchSize must be 1–32.");
        if (NewBatchThreshold < 0) throw new InvalidOperationException("host.json queues.newBatchThreshold must be ≥ 0.");
        if (MaxPollingInterval < TimeSpan.FromMilliseconds(100)) throw new InvalidOperationException("host.json queues.maxPollingInterval must be ≥ 00:00:00.1.");
        if (MaxDequeueCount < 1) throw new InvalidOperationException("host.json queues.maxDequeueCount must be ≥ 1.");
        if (VisibilityTimeout < TimeSpan.Zero || VisibilityTimeout > TimeSpan.FromDays(7)) throw new InvalidOperationException("host.json queues.visibilityTimeout must be 0–7 days.");
    }

    private static TimeSpan Span(JsonElement value, string name) =>
        TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new InvalidOperationException($"host.json {name} must be a time span like 00:00:02.");
}
