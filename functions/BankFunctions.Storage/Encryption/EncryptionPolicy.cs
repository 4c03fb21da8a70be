using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// What both encryption policies do with a request (<see cref="TableEncryptionPolicy"/>, <see cref="BlobEncryptionPolicy"/>):
/// seal what it writes, send it on, open what its response returns. The synchronous path runs the same steps to the
/// end: the clients' synchronous calls must seal and open exactly as the asynchronous ones do.
/// </summary>
public abstract class EncryptionPolicy : HttpPipelinePolicy
{
    public sealed override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await SealRequestAsync(message, message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        await OpenResponseAsync(message, message.CancellationToken).ConfigureAwait(false);
    }

    public sealed override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        SealRequestAsync(message, message.CancellationToken).AsTask().GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
        OpenResponseAsync(message, message.CancellationToken).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Replaces the request's content with its sealed form when it writes something to seal.</summary>
    private protected abstract ValueTask SealRequestAsync(HttpMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces the response's content with its opened form when it returns something sealed.</summary>
    private protected abstract ValueTask OpenResponseAsync(HttpMessage message, CancellationToken cancellationToken);
}
