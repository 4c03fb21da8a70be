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
/// POST /v1/payments (submitter): reads what <see cref="SubmitPaymentDecision.Decide"/> needs, writes what it decides.
/// Durable acceptance in one entity-group transaction in the tenant's partition —
/// Payment + Idempotency + Audit (+ Outbox when no approval is needed) — then, for approved work, one queue
/// message. The idempotency insert is the guard, so the happy path reads nothing: 2 storage operations.
/// </summary>
public sealed class SubmitPayment(
    StorageClients storage, AccountCache accounts, ApprovalRulesStore rules, Counterparties.CounterpartyStore counterparties, IdempotencyStore idempotency,
    IQueueSender queue, Profiles.BankProfiles profiles, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const string Route = "POST v1/payments";
    private const string LocationPrefix = "/v1/payments/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (caller, tenantId, input, keyHash, requestHash) = await IdempotentPost.ReadAsync<PaymentInput>(context, Route, cancellationToken);

        // An account outside a person's scope is answered as one that does not exist.
        var debtor = input.DebtorAccountId is null || !caller.MaySee(input.DebtorAccountId) ? null : await accounts.FindAsync(tenantId, input.DebtorAccountId, cancellationToken);
        var bank = profiles.Find(debtor?.Bank);
        var settings = await rules.GetSettingsAsync(tenantId, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            // Read on every attempt: a first payment to the same account committed meanwhile makes this one not the first.
            var counterpartyRow = Domain.Ids.CounterpartyId.TryParse(input.CounterpartyId) is { } cp
                ? await counterparties.FindAsync(tenantId, cp.Value, cancellationToken)
                : null;
            var counterparty = counterpartyRow is null ? null : Counterparties.CounterpartyStore.View(counterpartyRow);
            var now = clock.GetUtcNow();
            var decision = SubmitPaymentDecision.Decide(input, debtor, bank, settings, counterparty, caller, PaymentId.New(now).Value, now);
            if (decision is SubmitPaymentDecision.Invalid invalid)
            {
                // A replay of an accepted request must still replay, even if (say) its execution date is now in the past.
                var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                return earlier is IdempotencyOutcome.Expired ? Problem.Validation(invalid.Errors) : IdempotencyStore.ToResult(earlier, LocationPrefix);
            }
            var accepted = (SubmitPaymentDecision.Accepted)decision;
            var paymentId = accepted.Payment.PaymentId;
            accepted.Payment.IdempotencyKeyHash = keyHash;
            var responseBody = JsonSerializer.Serialize(accepted.View, ApiJson.Options);
            var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", paymentId);
            idem.ResponseStatus = 201;
            idem.ResponseBody = responseBody;

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, accepted.Payment),
                new(TableTransactionActionType.Add, idem),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "payment.created", paymentId, null, accepted.View, now)),
            };
            actions.AddRange(accepted.Rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
            if (accepted.MarkedCounterparty is { } marked)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, Counterparties.CounterpartyStore.Row(tenantId, marked, counterpartyRow!.ETag), counterpartyRow.ETag));
            }
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && accepted.MarkedCounterparty is not null && attempt < 5)
            {
                // The counterparty changed (account changed or approved again, another first payment, deleted): decide again.
                continue;
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

            if (accepted.SignMessage is { } message)
            {
                // If this fails or the process dies here, the outbox row makes the sweep enqueue it later.
                await queue.TrySendAsync(QueueNames.PaymentsSign, message, CancellationToken.None);
            }
            context.Response.Headers.Location = LocationPrefix + paymentId;
            return new StoredJsonResult(201, responseBody);
        }
    }
}
