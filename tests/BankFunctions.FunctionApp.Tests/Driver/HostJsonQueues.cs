using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>
/// host.json extensions.queues as the Functions host's Storage Queues extension reads it, with the extension's
/// documented defaults for what is absent (learn.microsoft.com: "host.json settings" of the Azure Queue storage trigger).
/// </summary>
public sealed record HostJsonQueues(int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount, string MessageEncoding)
{
    public static HostJsonQueues Read(JsonElement hostJson)
    {
        var queues = hostJson.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("queues", out var q) ? q : default;
        string? Text(string name) => queues.ValueKind == JsonValueKind.Object && queues.TryGetProperty(name, out var v) ? v.ToString() : null;
        var batchSize = int.Parse(Text("batchSize") ?? "16", CultureInfo.InvariantCulture);
        return new HostJsonQueues(
            batchSize,
            // Default newBatchThreshold is batchSize / 2 (per the extension's documentation for one instance).
            int.Parse(Text("newBatchThreshold") ?? (batchSize / 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            TimeSpan.Parse(Text("maxPollingInterval") ?? "00:01:00", CultureInfo.InvariantCulture),
            TimeSpan.Parse(Text("visibilityTimeout") ?? "00:00:00", CultureInfo.InvariantCulture),
            int.Parse(Text("maxDequeueCount") ?? "5", CultureInfo.InvariantCulture),
            (Text("messageEncoding") ?? "base64").ToLowerInvariant());
    }

    /// <summary>The message text the trigger binds, decoded from the raw queue text per messageEncoding.</summary>
    public string Decode(string raw, string queueName)
    {
        if (MessageEncoding == "none")
        {
            return raw;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"A message on {queueName} is not Base64, as host.json messageEncoding '{MessageEncoding}' requires: {raw}", e);
        }
    }
}
