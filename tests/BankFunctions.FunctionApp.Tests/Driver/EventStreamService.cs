using Grpc.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>
/// The host's gRPC service (FunctionRpc.EventStream): the worker dials it and opens one bidirectional stream. The
/// stream is handed to the <see cref="WorkerConnection"/> and kept open until the connection ends.
/// </summary>
public sealed class EventStreamService(WorkerConnection connection) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        connection.RunAsync(requestStream, responseStream, context.CancellationToken);
}
