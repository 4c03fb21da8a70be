using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.BankConnections;

/// <summary>GET /v1/bank-connections (admin).</summary>
public sealed class ListBankConnections(StorageClients storage) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<BankConnectionView> Items);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var items = new List<BankConnectionView>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<BankConnectionRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.BankConnectionPrefix), cancellationToken: cancellationToken))
        {
            items.Add(BankConnectionView.From(row));
        }
        return Results.Json(new Response(items), ApiJson.Options);
    }
}
