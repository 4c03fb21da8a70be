using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>
/// The host's end of the worker's event stream: sends requests, matches the worker's responses to them (by request id,
/// or by invocation id for invocations) and keeps the worker's logs. Writes are serialised (a gRPC stream takes one at
/// a time).
/// </summary>
public sealed class WorkerConnection : IDisposable
{
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private IServerStreamWriter<StreamingMessage>? _writer;

    /// <summary>Every RpcLog the worker sent (its ILogger output as the host receives it).</summary>
    public ConcurrentQueue<RpcLog> Logs { get; } = new();

    public Task<StartStream> Started => _started.Task;

    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        _writer = responses;
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                Receive(requests.Current);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The worker process went away.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The worker closed its event stream."));
            }
        }
    }

    /// <summary>Sends a request and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string correlationId, TimeSpan timeout)
    {
        var answer = _pending.GetOrAdd(correlationId, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await SendAsync(request);
        try
        {
            return await answer.Task.WaitAsync(timeout);
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message)
    {
        var writer = _writer ?? throw new InvalidOperationException("The worker has not connected.");
        await _writeLock.WaitAsync();
        try
        {
            await writer.WriteAsync(message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Logs.Enqueue(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(message.InvocationResponse.InvocationId, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(message.FunctionLoadResponse.FunctionId, message);
                break;
            default:
                Complete(message.RequestId, message);
                break;
        }
    }

    private void Complete(string id, StreamingMessage message)
    {
        if (_pending.TryGetValue(id, out var pending))
        {
            pending.TrySetResult(message);
        }
    }
}
