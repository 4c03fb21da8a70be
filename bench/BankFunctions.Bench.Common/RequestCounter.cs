using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Bench.Common;

/// <summary>
/// Counts storage operations (HTTP requests to the storage endpoints; one entity-group transaction is one), in total
/// and by kind, so that an operation above the target can be named rather than guessed.
/// </summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Operations by kind (method, resource, row kind), most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByKind => _byKind.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _byKind.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _count);
        _byKind.AddOrUpdate(StorageOperationKind.Of(message.Request.Method.ToString(), message.Request.Uri.ToUri()), 1, (_, n) => n + 1);
    }
}
