using BankFunctions.Storage.Guard;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Tenants;

/// <summary>POST /v1/admin/tenants (operator): onboard a tenant.</summary>
public sealed class CreateTenant(StorageClients storage, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public sealed record Request(string? Id, string? Name);

    public const int NameMax = 140;

    public sealed record Response(string Id, string Name, DateTimeOffset CreatedAt);

    public static (string Id, string Name) Validate(Request request)
    {
        var v = new Validation();
        var name = v.Text("name", request.Name, NameMax);
        var id = request.Id;
        if (id is not null && !TenantId.IsValid(id))
        {
            v.Add("id", "must be 3–40 characters of a–z, 0–9 and '-', starting with a letter.");
        }
        v.ThrowIfInvalid();
        return (id ?? TenantId.New(DateTimeOffset.UtcNow).Value, name!);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<Request>(context, cancellationToken);
        var (id, name) = Validate(request);
        var now = clock.GetUtcNow();
        var tenant = new TenantRow
        {
            PartitionKey = TableKeys.TenantPartition(id),
            RowKey = TableKeys.TenantProfileRow,
            TenantId = id,
            Name = name,
            CreatedAt = now,
        };
        var response = new Response(id, name, now);
        var auditRow = audit.Row(id, context.Caller(), "tenant.created", id, null, response, now);
        try
        {
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, tenant), new TableTransactionAction(TableTransactionActionType.Add, auditRow)],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return Problem.Conflict($"A tenant with id '{id}' already exists.");
        }
        // The registry row lets timers walk tenants; a crash before it is healed by the next create attempt (409 path is
        // not taken for a new id) or by the operator re-running onboarding — the tenant works without it except for timers.
        await storage.Table(TableNames.Tenants).UpsertCheckedAsync(
            new TenantRegistryRow { PartitionKey = TenantRegistryRow.Partition, RowKey = id }, TableUpdateMode.Replace, cancellationToken);
        return Results.Json(response, ApiJson.Options, statusCode: 201);
    }
}
