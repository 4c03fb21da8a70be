using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Health;

/// <summary>GET /health: storage (tables, queues, blobs) and configured banks reachable → 200, otherwise 503 with details.</summary>
public sealed partial class GetHealth(StorageClients storage, BankEndpointsOptions banks, IHttpClientFactory httpClients, ILogger<GetHealth> logger) : IHttpHandler
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public sealed record Check(string Name, string Status, string? Detail);

    public sealed record Response(string Status, IReadOnlyList<Check> Checks);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var checks = new List<Task<Check>>
        {
            Run("tables", ct => storage.Tables.GetPropertiesAsync(ct), cancellationToken),
            Run("queues", ct => storage.Queues.GetPropertiesAsync(ct), cancellationToken),
            Run("blobs", ct => storage.Blobs.GetPropertiesAsync(cancellationToken: ct), cancellationToken),
        };
        foreach (var (name, endpoint) in banks.Banks)
        {
            if (endpoint.BaseUrl is { } url)
            {
                checks.Add(Run("bank:" + name, ct => httpClients.CreateClient("health").GetAsync(url, ct), cancellationToken));
            }
        }
        var results = await Task.WhenAll(checks);
        var healthy = results.All(r => r.Status == "ok");
        return Results.Json(new Response(healthy ? "ok" : "unavailable", results), ApiJson.Options, statusCode: healthy ? 200 : 503);
    }

    private async Task<Check> Run(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await probe(timeout.Token);
            return new Check(name, "ok", null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnhealthy(logger, name, e.GetType().Name);
            // The exception type only: messages can carry endpoints or account names.
            return new Check(name, "unavailable", e is OperationCanceledException ? "timed out" : "unreachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} failed with {ErrorType}")]
    private static partial void LogUnhealthy(ILogger logger, string check, string errorType);
}
