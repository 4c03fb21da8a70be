using Azure.Data.Tables;
using BankFunctions.Domain;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// POST /v1/accounts/{id}/transactions/{entryId}/match (submitter, Idempotency-Key required): a person settles
/// expected payments with a booked entry, whole or in parts (<see cref="ManualAllocationRules"/>). One entity-group
/// transaction in the tenant's partition: the entry's settlement guard (added — so a pull never settles it again — or
/// replaced under its ETag when part of it settled before), each expected payment (ETag-guarded), the idempotency record
/// and the audit row <c>transaction.matched</c>. A concurrent pull or match changing any of them makes it read and
/// decide again; after <see cref="ManualSettlement.Attempts"/> rounds a 503 with Retry-After, never a double settlement.
/// With <c>paymentIds</c> the entry is tied to our own payments instead (<see cref="MatchPayments"/>).
/// </summary>
public sealed class MatchTransaction(StorageClients storage, AccountCache accounts, EntrySettlementStore entries, IdempotencyStore idempotency,
    TimeProvider clock, AuditRows audit, MatchPayments matchPayments) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var account = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var entryId = EntrySettlementStore.EntryId(context);
        var post = await IdempotentPost.ReadAsync<MatchInput>(context,
            $"POST v1/accounts/{account.Account.AccountId}/transactions/{entryId}/match", cancellationToken);
        var (caller, tenantId, input, keyHash, requestHash) = post;
        var accountId = account.Account.AccountId;
        if (await entries.FindEntryAsync(account, entryId, cancellationToken) is not { } entry)
        {
            return Problem.NotFound($"Transaction '{entryId}'");
        }
        if (ManualSettlement.Refusal(entry) is { } refusal)
        {
            return refusal;
        }
        if (input.PaymentIds is { Count: > 0 })
        {
            return await matchPayments.HandleAsync(post, account, entry, cancellationToken);
        }
        var entryAmount = Money.Parse(entry.Amount, entry.Currency);
        for (var attempt = 1; attempt <= ManualSettlement.Attempts; attempt++)
        {
            var guard = await entries.FindGuardAsync(tenantId, accountId, entry.RowKey, cancellationToken);
            var settledBefore = await entries.ExpectedPaymentsAsync(tenantId, EntryAllocations.Ids(guard), cancellationToken);
            var named = await entries.ExpectedPaymentsAsync(tenantId, input.ExpectedPaymentIds ?? [], cancellationToken);
            var allocated = EntryAllocations.Allocated(settledBefore.Values, accountId, entry.EntryKey, entryAmount.Currency);
            var decision = ManualAllocationRules.Check(input, accountId, entryAmount, allocated, named);
            if (decision is ManualAllocationRules.Invalid invalid)
            {
                var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                return earlier is IdempotencyOutcome.Expired ? Problem.Validation(invalid.Errors) : IdempotencyStore.ToResult(earlier);
            }
            var valid = (ManualAllocationRules.Valid)decision;
            var now = clock.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            var before = new List<object>();
            var after = new List<object>();
            foreach (var (row, amount) in valid.Allocations)
            {
                before.Add(new { expectedPaymentId = row.ExpectedPaymentId, status = row.Status, remaining = row.RemainingAmount });
                var settlement = new SettlementView(entry.EntryKey, accountId, new MoneyView(row.Currency, amount.ToAmountString()),
                    entry.BookingDate ?? entry.ValueDate, EntryAllocations.ManualRule, now);
                ExpectedPaymentRows.Apply(row, amount, settlement, now);
                after.Add(new { expectedPaymentId = row.ExpectedPaymentId, status = row.Status, remaining = row.RemainingAmount, amount = amount.ToAmountString() });
                actions.Add(new(TableTransactionActionType.UpdateReplace, row, row.ETag));
                settledBefore[row.ExpectedPaymentId] = row;
            }
            actions.Add(ManualSettlement.GuardAction(tenantId, accountId, entry, guard, settledBefore.Keys, now));
            var total = valid.Allocations.Aggregate(allocated, (sum, a) => sum + a.Amount);
            var view = ManualSettlement.View(entry, accountId, entryAmount, total, valid.Allocations.Select(a => a.Row));
            var auditRow = audit.Row(tenantId, caller, "transaction.matched", ManualSettlement.Subject(accountId, entry),
                new { allocated = allocated.ToAmountString(), expectedPayments = before },
                new { allocated = total.ToAmountString(), expectedPayments = after, reason = valid.Reason }, now);
            // Null: a pull or another person settled the entry or one of the expected payments meanwhile: decide again.
            if (await ManualSettlement.CommitAsync(storage, idempotency, actions, auditRow, tenantId, keyHash, requestHash, entry, view, cancellationToken) is { } result)
            {
                return result;
            }
        }
        return ManualSettlement.Contended();
    }
}
