using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ApiKeys;

/// <summary>GET /v1/api-keys (admin): the tenant's keys, without secrets.</summary>
public sealed class ListApiKeys(StorageClients storage) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<ApiKeyView> Items);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var items = new List<ApiKeyView>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<ApiKeyRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.ApiKeyPrefix), cancellationToken: cancellationToken))
        {
            items.Add(ApiKeyIssuer.ToView(row));
        }
        return Results.Json(new Response(items), ApiJson.Options);
    }
}
