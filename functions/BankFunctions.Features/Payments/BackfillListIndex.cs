using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/list-index (operator): writes the newest-first index rows
/// (<see cref="ListEntries"/>) of the tenant's single payments and batches, for data accepted before the index
/// existed. Idempotent (an index row only copies fields that never change, so writing it again changes nothing); one
/// pass over the tenant's payment and batch rows, 100 index rows per transaction. Run once per tenant after upgrading.
/// </summary>
public sealed class BackfillListIndex(StorageClients storage) : IHttpHandler
{
    public sealed record Response(int Payments, int Batches);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        var partition = TableKeys.TenantPartition(tenantId);
        var table = storage.Table(TableNames.TenantData);
        var pending = new List<TableTransactionAction>(100);
        var (payments, batches) = (0, 0);

        async Task AddAsync(ListEntryRow entry)
        {
            pending.Add(new(TableTransactionActionType.UpsertReplace, entry));
            if (pending.Count == 100)
            {
                await table.SubmitCheckedAsync(pending, cancellationToken);
                pending.Clear();
            }
        }

        // Batch items are listed through their batch's entry, so only single payments get their own.
        await foreach (var payment in table.QueryAsync<PaymentRow>(TableKeys.PrefixFilter(partition, TableKeys.PaymentPrefix), cancellationToken: cancellationToken))
        {
            if (payment.BatchId is null)
            {
                await AddAsync(ListEntries.For(payment));
                payments++;
            }
        }
        await foreach (var batch in table.QueryAsync<BatchRow>(TableKeys.PrefixFilter(partition, TableKeys.BatchPrefix), cancellationToken: cancellationToken))
        {
            foreach (var entry in ListEntries.For(batch))
            {
                await AddAsync(entry);
            }
            batches++;
        }
        if (pending.Count > 0)
        {
            await table.SubmitCheckedAsync(pending, cancellationToken);
        }
        return Results.Json(new Response(payments, batches), ApiJson.Options);
    }
}
