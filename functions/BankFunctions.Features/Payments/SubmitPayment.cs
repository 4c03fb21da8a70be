using BankFunctions.Storage.Guard;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Http;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments (submitter). Durable acceptance in one entity-group transaction in the tenant's partition —
/// Payment + Idempotency + Audit (+ Outbox when no approval is needed) — then, for approved work, one queue
/// message. The idempotency insert is the guard, so the happy path reads nothing: 2 storage operations.
/// </summary>
public sealed class SubmitPayment(
    StorageClients storage, AccountCache accounts, ApprovalRulesStore rules, IdempotencyStore idempotency, IQueueSender queue, Profiles.BankProfiles profiles, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const string Route = "POST v1/payments";
    private const string LocationPrefix = "/v1/payments/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var key = IdempotencyKeys.Require(context);
        var body = await JsonBody.ReadBytesAsync(context, cancellationToken);
        var input = JsonBody.Parse<PaymentInput>(body);
        var keyHash = IdempotencyKeys.Hash(key);
        var requestHash = IdempotencyKeys.RequestHash(Route, body);

        var debtor = input.DebtorAccountId is null ? null : await accounts.FindAsync(tenantId, input.DebtorAccountId, cancellationToken);
        var now = clock.GetUtcNow();
        var v = new Validation();
        var valid = PaymentRules.Validate(input, debtor, profiles.Find(debtor?.Bank), now, v);
        if (!v.IsValid)
        {
            // A replay of an accepted request must still replay, even if (say) its execution date is now in the past.
            var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
            return earlier is IdempotencyOutcome.Expired ? Problem.Validation(v.Errors) : IdempotencyStore.ToResult(earlier, LocationPrefix);
        }

        var required = ApprovalPolicy.Required(await rules.GetAsync(tenantId, cancellationToken), valid.Currency.Code, valid.Amount);
        var status = PaymentStateMachine.Initial(required);

        for (var attempt = 0; ; attempt++)
        {
            var paymentId = PaymentId.New(now).Value;
            var row = PaymentRows.New(tenantId, paymentId, valid, status, required, caller, now);
            row.IdempotencyKeyHash = keyHash;
            var view = PaymentView.From(row) with { Warnings = valid.Warnings.Count > 0 ? valid.Warnings : null };
            var responseBody = JsonSerializer.Serialize(view, ApiJson.Options);
            var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", paymentId);
            idem.ResponseStatus = 201;
            idem.ResponseBody = responseBody;
            var message = new SignMessage(tenantId, paymentId, null).ToJson();

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, row),
                new(TableTransactionActionType.Add, idem),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "payment.created", paymentId, null, view, now)),
                new(TableTransactionActionType.Add, ListEntries.For(row)),
            };
            if (status == PaymentStatus.Approved)
            {
                actions.Add(new(TableTransactionActionType.Add, PaymentRows.Outbox(tenantId, paymentId, QueueNames.PaymentsSign, message, now)));
                actions.Add(new(TableTransactionActionType.Add, PaymentRows.Ready(row)));
            }
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
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

            if (status == PaymentStatus.Approved)
            {
                // If this fails or the process dies here, the outbox row makes the sweep enqueue it later.
                await queue.TrySendAsync(QueueNames.PaymentsSign, message, CancellationToken.None);
            }
            context.Response.Headers.Location = LocationPrefix + paymentId;
            return new StoredJsonResult(201, responseBody);
        }
    }
}
