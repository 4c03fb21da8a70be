using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// POST /v1/expected-payments (submitter, Idempotency-Key required): validated by <see cref="ExpectedPaymentRules"/>,
/// accepted in one entity-group transaction in the tenant's partition — expected payment + idempotency + audit. The
/// next statement pull or import of its account matches entries against it.
/// </summary>
public sealed class CreateExpectedPayment(StorageClients storage, AccountCache accounts, IdempotencyStore idempotency, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const string Route = "POST v1/expected-payments";
    public const string LocationPrefix = "/v1/expected-payments/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (caller, tenantId, input, keyHash, requestHash) = await IdempotentPost.ReadAsync<ExpectedPaymentInput>(context, Route, cancellationToken);
        var account = string.IsNullOrWhiteSpace(input.AccountId) || input.AccountId.Length > 64 ? null : await accounts.FindAsync(tenantId, input.AccountId, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var checkedInput = ExpectedPaymentRules.Check(input, account, tenantId, ExpectedPaymentId.New(now).Value, caller.Actor, now);
            if (checkedInput is ExpectedPaymentRules.Invalid invalid)
            {
                var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                return earlier is IdempotencyOutcome.Expired ? Problem.Validation(invalid.Errors) : IdempotencyStore.ToResult(earlier, LocationPrefix);
            }
            var row = ((ExpectedPaymentRules.Valid)checkedInput).Row;
            var view = ExpectedPaymentView.From(row);
            var responseBody = JsonSerializer.Serialize(view, ApiJson.Options);
            var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", row.ExpectedPaymentId);
            idem.ResponseStatus = 201;
            idem.ResponseBody = responseBody;
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.Add, row),
                    new(TableTransactionActionType.Add, idem),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "expected_payment.created", row.ExpectedPaymentId, null, view, now)),
                ], cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && attempt < 2)
            {
                var outcome = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                if (outcome is IdempotencyOutcome.Expired expired)
                {
                    if (expired.Row is not null)
                    {
                        await idempotency.DeleteExpiredAsync(expired.Row, cancellationToken);
                    }
                    continue;
                }
                return IdempotencyStore.ToResult(outcome, LocationPrefix);
            }
            context.Response.Headers.Location = LocationPrefix + row.ExpectedPaymentId;
            return new StoredJsonResult(201, responseBody);
        }
    }
}
