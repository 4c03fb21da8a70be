using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Bench.Submit;

/// <summary>Counts storage operations (HTTP requests to the storage endpoints; one entity-group transaction is one).</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
