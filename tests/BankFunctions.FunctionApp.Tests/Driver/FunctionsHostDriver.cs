using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using BankFunctions.TestSupport;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.FunctionApp.Tests.Driver;

/// <summary>
/// A minimal test driver that plays the Azure Functions host's side of the language-worker gRPC contract
/// (Protos/FunctionRpc.proto) against the built worker: it serves FunctionRpc.EventStream, starts the worker process,
/// initialises it, asks it to index its functions and loads every one, then invokes them as the host would — HTTP by
/// an InvocationRequest plus the request proxied to the worker's own HTTP endpoint (ASP.NET Core integration, the
/// <c>x-ms-invocation-id</c> header), queues with a real Azurite message decoded per host.json and passed as the
/// Storage extension's model binding data, timers with a TimerInfo. It is not a host we ship: no scaling, no
/// listeners of its own (a test asks it to deliver), no retries beyond what host.json says about queue messages.
/// </summary>
public sealed class FunctionsHostDriver : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);

    private readonly WorkerConnection _connection = new();
    private readonly ConcurrentQueue<(string Function, InvocationResponse Response)> _invocations = new();
    private WebApplication? _grpc;
    private WorkerProcess? _worker;
    private HttpClient? _toWorker;
    private string _storage = "";

    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];
    public HostJsonQueues Queues { get; private set; } = null!;
    public string RoutePrefix { get; private set; } = "api";
    public Uri WorkerHttpUri { get; private set; } = null!;
    public WorkerConnection Connection => _connection;
    public string WorkerOutput => _worker?.Output ?? "";

    /// <summary>Every invocation's function and response, in order.</summary>
    public IReadOnlyCollection<(string Function, InvocationResponse Response)> Invocations => _invocations;

    /// <summary>Starts the worker of <paramref name="appFolder"/> with these app settings (AzureWebJobsStorage is the trigger's storage too).</summary>
    public static async Task<FunctionsHostDriver> StartAsync(string appFolder, IReadOnlyDictionary<string, string> appSettings)
    {
        var driver = new FunctionsHostDriver();
        try
        {
            await driver.StartCoreAsync(appFolder, appSettings);
            return driver;
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the worker and waits for it to exit without connecting (a worker that must refuse its configuration).</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string appFolder, IReadOnlyDictionary<string, string> appSettings, TimeSpan timeout)
    {
        await using var driver = new FunctionsHostDriver();
        var endpoint = await driver.ServeAsync();
        driver._worker = new WorkerProcess(appFolder, endpoint, Guid.NewGuid().ToString(), appSettings);
        using var cts = new CancellationTokenSource(timeout);
        await driver._worker.WaitForExitAsync(cts.Token);
        return (driver._worker.ExitCode, driver._worker.Output);
    }

    private async Task StartCoreAsync(string appFolder, IReadOnlyDictionary<string, string> appSettings)
    {
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(appFolder, "host.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement;
        Queues = HostJsonQueues.Read(hostJson);
        // As the host: extensions.http.routePrefix, "api" when absent.
        RoutePrefix = hostJson.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? "api"
            : "api";
        _storage = appSettings.TryGetValue("AzureWebJobsStorage", out var storage) ? storage : "";

        var endpoint = await ServeAsync();
        var workerId = Guid.NewGuid().ToString();
        _worker = new WorkerProcess(appFolder, endpoint, workerId, appSettings);
        var exited = _worker.WaitForExitAsync(CancellationToken.None);
        var first = await Task.WhenAny(_connection.Started, exited, Task.Delay(StartTimeout));
        if (first != _connection.Started)
        {
            throw new InvalidOperationException($"The worker did not open its event stream (exited: {_worker.HasExited}).\n{_worker.Output}");
        }
        var start = await _connection.Started;
        Assert.Equal(workerId, start.WorkerId);

        var initId = Guid.NewGuid().ToString();
        var init = (await _connection.RequestAsync(new StreamingMessage
        {
            RequestId = initId,
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.0.0-test-driver", FunctionAppDirectory = appFolder, WorkerDirectory = appFolder },
        }, initId, StartTimeout)).WorkerInitResponse;
        Succeeded(init.Result, "WorkerInitRequest");
        WorkerHttpUri = new Uri(init.Capabilities["HttpUri"]);

        var metadataId = Guid.NewGuid().ToString();
        var metadata = (await _connection.RequestAsync(new StreamingMessage
        {
            RequestId = metadataId,
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appFolder },
        }, metadataId, StartTimeout)).FunctionMetadataResponse;
        Succeeded(metadata.Result, "FunctionsMetadataRequest");

        var functions = new List<LoadedFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            function.Directory = appFolder;
            var loaded = (await _connection.RequestAsync(new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
            }, function.FunctionId, StartTimeout)).FunctionLoadResponse;
            Succeeded(loaded.Result, "FunctionLoadRequest " + function.Name);
            functions.Add(new LoadedFunction(function, RoutePrefix));
        }
        Functions = functions;
        _toWorker = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = InvocationTimeout };
    }

    private async Task<Uri> ServeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(_connection);
        builder.Logging.ClearProviders();
        _grpc = builder.Build();
        _grpc.MapGrpcService<EventStreamService>();
        await _grpc.StartAsync();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>
    /// An HTTP request as the Functions host handles it: routed by the host (routePrefix + each function's route and
    /// methods; 404 when none matches), an InvocationRequest for the function, and the request proxied to the worker's
    /// HTTP endpoint with <c>x-ms-invocation-id</c>; the worker's HTTP response is the answer.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var matches = Functions.Select(f => (Function: f, Values: f.Match(request.Method.Method, path))).Where(m => m.Values is not null)
            .OrderBy(m => m.Values!.Count).ToList();
        if (matches.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }
        var (function, values) = matches[0];
        var invocationId = Guid.NewGuid().ToString();
        var traceParent = request.Headers.TryGetValues("traceparent", out var tp) ? tp.First() : NewTraceParent();
        var rpcHttp = new RpcHttp { Method = request.Method.Method, Url = new Uri(WorkerHttpUri, request.RequestUri.PathAndQuery).ToString() };
        foreach (var header in request.Headers)
        {
            rpcHttp.Headers[header.Key] = string.Join(',', header.Value);
        }
        foreach (var (key, value) in values!)
        {
            rpcHttp.Params[key] = value?.ToString() ?? "";
        }
        var invocation = Invocation(function, invocationId, traceParent);
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = rpcHttp } });
        var invoked = InvokeAsync(function, invocation);

        using var forward = new HttpRequestMessage(request.Method, new Uri(WorkerHttpUri, request.RequestUri.PathAndQuery)) { Content = request.Content };
        foreach (var header in request.Headers)
        {
            forward.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        forward.Headers.Remove("traceparent");
        forward.Headers.TryAddWithoutValidation("traceparent", traceParent);
        forward.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        var response = await _toWorker!.SendAsync(forward, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        await invoked;
        response.RequestMessage = request;
        return response;
    }

    /// <summary>
    /// Delivers the next visible message of <paramref name="queueName"/> to its queue-triggered function as the Storage
    /// Queues extension does: decoded per host.json messageEncoding, as model binding data; deleted after success, made
    /// visible again after visibilityTimeout on failure, moved to the poison queue after maxDequeueCount deliveries.
    /// False when the queue has no visible message.
    /// </summary>
    public async Task<bool> DeliverNextAsync(string queueName, CancellationToken cancellationToken = default)
    {
        var function = Functions.Single(f => f.QueueName == queueName);
        // The host's extension reads the raw text and decodes it itself.
        var queue = new QueueClient(_storage, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), cancellationToken)).Value;
        if (received.Length == 0)
        {
            return false;
        }
        var message = received[0];
        var text = Queues.Decode(message.Body.ToString(), queueName);
        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            MessageId = message.MessageId,
            PopReceipt = message.PopReceipt,
            MessageText = text,
            DequeueCount = message.DequeueCount,
            InsertedOn = message.InsertedOn?.UtcDateTime,
            ExpiresOn = message.ExpiresOn?.UtcDateTime,
            NextVisibleOn = message.NextVisibleOn?.UtcDateTime,
        });
        var invocation = Invocation(function, Guid.NewGuid().ToString(), NewTraceParent());
        invocation.InputData.Add(new ParameterBinding
        {
            Name = function.TriggerName,
            Data = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(content),
                },
            },
        });
        invocation.TriggerMetadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        invocation.TriggerMetadata["Id"] = new TypedData { String = message.MessageId };
        var response = await InvokeAsync(function, invocation);
        if (response.Result.Status == StatusResult.Types.Status.Success)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        else if (message.DequeueCount >= Queues.MaxDequeueCount)
        {
            await new QueueClient(_storage, queueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })
                .SendMessageAsync(message.Body.ToString(), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Queues.VisibilityTimeout, cancellationToken: cancellationToken);
        }
        return true;
    }

    /// <summary>Delivers messages of every queue-triggered function until <paramref name="done"/> holds or the time is up.</summary>
    public async Task PumpUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var queues = Functions.Where(f => f.QueueName is not null).Select(f => f.QueueName!).ToList();
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return;
            }
            var delivered = false;
            foreach (var queue in queues)
            {
                delivered |= await DeliverNextAsync(queue);
            }
            if (!delivered)
            {
                await Task.Delay(Queues.MaxPollingInterval < TimeSpan.FromMilliseconds(250) ? Queues.MaxPollingInterval : TimeSpan.FromMilliseconds(250));
            }
        }
        throw new TimeoutException("The condition did not hold in time. Invocations: " + string.Join(", ", Invocations.Select(i => $"{i.Function}:{i.Response.Result.Status}")));
    }

    /// <summary>A timer occurrence as the host's timer trigger passes it (TimerInfo as JSON).</summary>
    public Task<InvocationResponse> InvokeTimerAsync(string functionName, DateTime? last = null)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var now = DateTime.UtcNow;
        var timer = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last ?? now.AddMinutes(-1), Next = now.AddMinutes(1), LastUpdated = now },
            IsPastDue = false,
        });
        var invocation = Invocation(function, Guid.NewGuid().ToString(), NewTraceParent());
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Json = timer } });
        return InvokeAsync(function, invocation);
    }

    public async ValueTask DisposeAsync()
    {
        _toWorker?.Dispose();
        _worker?.Dispose();
        _connection.Dispose();
        if (_grpc is not null)
        {
            await _grpc.StopAsync();
            await _grpc.DisposeAsync();
        }
    }

    private async Task<InvocationResponse> InvokeAsync(LoadedFunction function, InvocationRequest invocation)
    {
        var response = (await _connection.RequestAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = invocation },
            invocation.InvocationId, InvocationTimeout)).InvocationResponse;
        _invocations.Enqueue((function.Name, response));
        return response;
    }

    private static InvocationRequest Invocation(LoadedFunction function, string invocationId, string traceParent) => new()
    {
        InvocationId = invocationId,
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext { TraceParent = traceParent },
    };

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    private void Succeeded(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{what} failed: {result.Exception?.Message}\n{_worker?.Output}");
        }
    }
}
