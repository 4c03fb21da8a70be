using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>
/// Counts the storage calls that match <paramref name="matches"/> as they leave for Azurite, so a test on a fake clock
/// can say exactly how many renewals or receives a component has made by now.
/// </summary>
internal sealed class StorageCallCounter(Func<Request, bool> matches) : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _calls = new();

    public int Count => _calls.Count;

    /// <summary>Renew Blob Lease (PUT ?comp=lease, x-ms-lease-action: renew).</summary>
    public static StorageCallCounter LeaseRenewals() => new(r =>
        r.Method == RequestMethod.Put && r.Uri.Query.Contains("comp=lease", StringComparison.OrdinalIgnoreCase)
        && r.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew");

    /// <summary>Get Messages on this queue (GET …/messages, not a peek).</summary>
    public static StorageCallCounter Receives(string queue) => new(r =>
        r.Method == RequestMethod.Get && r.Uri.Path.EndsWith($"/{queue}/messages", StringComparison.Ordinal)
        && !r.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        await ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        if (matches(message.Request))
        {
            _calls.Enqueue(message.Request.Uri.ToString());
        }
    }
}
