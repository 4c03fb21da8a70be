using System.Globalization;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Health;

/// <summary>
/// GET /health: storage (tables, queues, blobs) and configured banks reachable → 200 "ok", otherwise 503
/// "unavailable" with details. A bank that answers its probe while payments are waiting it out (its payment or status
/// calls fail: see <see cref="BankWaitBoard"/>) is "degraded" and so is the whole answer, still 200: the gateway
/// accepts and keeps payments, and sends them when the bank is back.
/// </summary>
public sealed partial class GetHealth(
    StorageClients storage, BankEndpointsOptions banks, IHttpClientFactory httpClients, BankWaitBoard waits, TimeProvider clock, ILogger<GetHealth> logger) : IHttpHandler
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
        var waiting = ReadWaitsAsync(cancellationToken);
        var results = Degrade(await Task.WhenAll(checks), await waiting, clock.GetUtcNow());
        var status = Overall(results);
        return Results.Json(new Response(status, results), ApiJson.Options, statusCode: status == Unavailable ? 503 : 200);
    }

    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Unavailable = "unavailable";

    /// <summary>A reachable bank that files are waiting out is degraded (pure).</summary>
    public static IReadOnlyList<Check> Degrade(IReadOnlyList<Check> checks, IReadOnlyDictionary<string, BankWaitRow> waits, DateTimeOffset now) =>
        checks.Select(c => c.Status == Ok && c.Name.StartsWith("bank:", StringComparison.Ordinal)
            && waits.TryGetValue(c.Name["bank:".Length..], out var wait) && BankWaitBoard.IsWaiting(wait, now)
                ? c with
                {
                    Status = Degraded,
                    Detail = string.Create(CultureInfo.InvariantCulture,
                        $"payments are waiting for this bank since {wait.UnavailableSince:O} (last error {wait.LastErrorCode ?? "unknown"}); next attempt {wait.NextAttemptAt:O}"),
                }
                : c).ToList();

    /// <summary>Unavailable if any check is, otherwise degraded if any check is, otherwise ok.</summary>
    public static string Overall(IReadOnlyList<Check> checks) =>
        checks.Any(c => c.Status == Unavailable) ? Unavailable : checks.Any(c => c.Status == Degraded) ? Degraded : Ok;

    private async Task<IReadOnlyDictionary<string, BankWaitRow>> ReadWaitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await waits.ReadAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The tables check reports storage trouble; without the record no bank is called degraded.
            LogUnhealthy(logger, "bank-waits", e.GetType().Name);
            return new Dictionary<string, BankWaitRow>();
        }
    }

    private async Task<Check> Run(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await probe(timeout.Token);
            return new Check(name, Ok, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnhealthy(logger, name, e.GetType().Name);
            // The exception type only: messages can carry endpoints or account names.
            return new Check(name, Unavailable, e is OperationCanceledException ? "timed out" : "unreachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} failed with {ErrorType}")]
    private static partial void LogUnhealthy(ILogger logger, string check, string errorType);
}
