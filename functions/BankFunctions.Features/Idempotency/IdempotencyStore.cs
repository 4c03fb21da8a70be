using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Idempotency;

/// <summary>What a request with an Idempotency-Key finds when its first write hit an existing key.</summary>
public abstract record IdempotencyOutcome
{
    /// <summary>The same request completed before: send its response again.</summary>
    public sealed record Replay(int Status, string Body, string? ResourceId = null) : IdempotencyOutcome;
    /// <summary>The same request is still being written (a batch): 409.</summary>
    public sealed record InFlight(IdempotencyRow Row) : IdempotencyOutcome;
    /// <summary>The key was used for a different request: 422.</summary>
    public sealed record Mismatch : IdempotencyOutcome;
    /// <summary>The old record has expired (or vanished): the caller may write again.</summary>
    public sealed record Expired(IdempotencyRow? Row) : IdempotencyOutcome;
}

/// <summary>
/// Idempotency records live in the tenant's partition so they commit in the same transaction as what they guard.
/// The write path never reads first: the insert of the record is the guard (409 → look up what was there).
/// </summary>
public sealed class IdempotencyStore(StorageClients storage, TimeProvider clock)
{
    public IdempotencyRow NewRow(string tenantId, string keyHash, string requestHash, string state, string? resourceId)
    {
        var now = clock.GetUtcNow();
        return new IdempotencyRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.IdempotencyRow(keyHash),
            RequestHash = requestHash,
            State = state,
            ResourceId = resourceId,
            CreatedAt = now,
            ExpiresAt = now + IdempotencyKeys.Retention,
        };
    }

    public async Task<IdempotencyOutcome> ExamineAsync(string tenantId, string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<IdempotencyRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.IdempotencyRow(keyHash), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is null)
        {
            return new IdempotencyOutcome.Expired(null);
        }
        var row = found.Value;
        if (row.ExpiresAt < clock.GetUtcNow())
        {
            return new IdempotencyOutcome.Expired(row);
        }
        if (row.RequestHash != requestHash)
        {
            return new IdempotencyOutcome.Mismatch();
        }
        return row.State == "completed"
            ? new IdempotencyOutcome.Replay(row.ResponseStatus, row.ResponseBody ?? "", row.ResourceId)
            : new IdempotencyOutcome.InFlight(row);
    }

    /// <summary>Removes an expired record (ETag-guarded) so the key can be used again.</summary>
    public async Task DeleteExpiredAsync(IdempotencyRow row, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Table(TableNames.TenantData).DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    /// <param name="locationPrefix">The created resource's collection path ("/v1/payments/"): a replayed 201 carries the same Location.</param>
    public static IResult ToResult(IdempotencyOutcome outcome, string? locationPrefix = null) => outcome switch
    {
        IdempotencyOutcome.Replay r => new ReplayResult(r.Status, r.Body,
            r.Status == 201 && locationPrefix is not null && r.ResourceId is not null ? locationPrefix + r.ResourceId : null),
        IdempotencyOutcome.InFlight => Problem.Create(409, ProblemTypes.IdempotencyInFlight, "A request with this Idempotency-Key is still in progress.",
            "Retry after it has finished."),
        IdempotencyOutcome.Mismatch => Problem.Create(422, ProblemTypes.IdempotencyKeyReused, "The Idempotency-Key was used for a different request.",
            "Use a new key for a new request."),
        _ => throw new InvalidOperationException("An expired record has no response."),
    };

    private sealed class ReplayResult(int status, string body, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

/// <summary>Writes a response body that is also stored for replay, byte for byte.</summary>
public sealed class StoredJsonResult(int status, string body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
    }
}
