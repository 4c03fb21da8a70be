using BankFunctions.Storage.Guard;
using Azure.Data.Tables;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Accounts;

/// <summary>POST /v1/accounts (admin): register a bank account the tenant operates through one of its connections.</summary>
public sealed class CreateAccount(StorageClients storage, Profiles.BankProfiles profiles, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    /// <param name="PullSchedule">Optional six-field NCRONTAB (UTC) for statement pulls; default every 15 minutes.</param>
    public sealed record Request(string? BankConnectionId, string? AccountNumber, string? Iban, string? Currency, string? Name, string? BankCode, string? Bic,
        string? PullSchedule = null);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var request = await JsonBody.ReadAsync<Request>(context, cancellationToken);
        var table = storage.Table(TableNames.TenantData);

        BankConnectionRow? connection = null;
        if (!string.IsNullOrEmpty(request.BankConnectionId) && request.BankConnectionId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            var found = await table.GetEntityIfExistsAsync<BankConnectionRow>(
                TableKeys.TenantPartition(tenantId), TableKeys.BankConnectionRow(request.BankConnectionId), cancellationToken: cancellationToken);
            connection = found.HasValue ? found.Value : null;
        }
        if (request.PullSchedule is not null && !Statements.ScheduleStatementPulls.IsValidSchedule(request.PullSchedule))
        {
            return Problem.Validation("pullSchedule", "must be a six-field NCRONTAB expression (sec min hour day month weekday, UTC), e.g. \"0 */15 * * * *\".");
        }
        var account = AccountRules.Validate(request, connection, profiles.Find(connection?.Bank));

        var now = clock.GetUtcNow();
        var id = AccountId.New(now).Value;
        var row = new AccountRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.AccountRow(id),
            AccountId = id,
            BankConnectionId = connection!.ConnectionId,
            Bank = connection.Bank,
            AccountNumber = account.AccountNumber,
            Iban = account.Iban,
            Currency = account.Currency,
            Name = account.Name,
            BankCode = account.BankCode,
            Bic = account.Bic,
            PullSchedule = request.PullSchedule,
            CreatedAt = now,
        };
        var guard = new TableEntity(TableKeys.TenantPartition(tenantId), TableKeys.AccountNumberGuardRow(connection.Bank,
            await storage.LookupValueAsync(tenantId, account.Iban ?? account.AccountNumber!, cancellationToken)))
        {
            ["AccountId"] = id,
        };
        var view = AccountView.From(row);
        try
        {
            await table.SubmitCheckedAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, guard),
                    new TableTransactionAction(TableTransactionActionType.Add, audit.Row(tenantId, caller, "account.created", id, null, view, now)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return Problem.Conflict("This account is already registered for this bank.");
        }
        context.Response.Headers.Location = $"/v1/accounts/{view.Id}";
        return Results.Json(view, ApiJson.Options, statusCode: 201);
    }
}
