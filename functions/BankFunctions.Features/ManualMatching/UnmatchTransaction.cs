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
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// POST /v1/accounts/{id}/transactions/{entryId}/unmatch (submitter, Idempotency-Key required, a reason): takes back
/// every part of the entry — automatic or manual — from the expected payments it settled (<see cref="EntryAllocations.Restore"/>:
/// what is open and the status return). The entry's guard stays, with no expected payment and rule <c>unmatched</c>,
/// so a later pull does not settle it again automatically; it is listed as unmatched for a person to match. One
/// ETag-guarded transaction with the idempotency record and the audit row <c>transaction.unmatched</c>. Ties to our own
/// payments (by the reconciler or by hand) stay: those payments are completed, which is final; alone they are a 409.
/// </summary>
public sealed class UnmatchTransaction(StorageClients storage, AccountCache accounts, EntrySettlementStore entries, IdempotencyStore idempotency,
    TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var account = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var entryId = EntrySettlementStore.EntryId(context);
        var (caller, tenantId, input, keyHash, requestHash) = await IdempotentPost.ReadAsync<UnmatchInput>(context,
            $"POST v1/accounts/{account.Account.AccountId}/transactions/{entryId}/unmatch", cancellationToken);
        var v = new Validation();
        var reason = v.Text("reason", input.Reason, ReasonInput.MaxLength);
        v.ThrowIfInvalid();
        var accountId = account.Account.AccountId;
        if (await entries.FindEntryAsync(account, entryId, cancellationToken) is not { } entry)
        {
            return Problem.NotFound($"Transaction '{entryId}'");
        }
        var entryAmount = Money.Parse(entry.Amount, entry.Currency);
        for (var attempt = 1; attempt <= ManualSettlement.Attempts; attempt++)
        {
            var guard = await entries.FindGuardAsync(tenantId, accountId, entry.RowKey, cancellationToken);
            var settled = await entries.ExpectedPaymentsAsync(tenantId, EntryAllocations.Ids(guard), cancellationToken);
            if (guard is null || settled.Count == 0)
            {
                if (await ManualSettlement.EarlierAsync(idempotency, tenantId, keyHash, requestHash, cancellationToken) is { } replay)
                {
                    return replay;
                }
                // A tie to our own payments is not undone: they were completed by it, and completed is final in the
                // payment state machine (no move back to sent or accepted). Nothing is changed.
                return !string.IsNullOrEmpty(guard?.PaymentIds) || entry.Matched
                    ? Problem.InvalidState($"Transaction '{entryId}' is matched to payments {entry.PaymentIds ?? guard?.PaymentIds}, which it completed; a payment tie cannot be undone.")
                    : Problem.InvalidState($"Transaction '{entryId}' settles no expected payment; there is nothing to unmatch.");
            }
            var allocated = EntryAllocations.Allocated(settled.Values, accountId, entry.EntryKey, entryAmount.Currency);
            var now = clock.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            var before = new List<object>();
            var after = new List<object>();
            foreach (var row in settled.Values)
            {
                var (status, remaining) = (row.Status, row.RemainingAmount);
                var back = EntryAllocations.Restore(row, accountId, entry.EntryKey, now);
                if (back.IsZero)
                {
                    continue;
                }
                before.Add(new { expectedPaymentId = row.ExpectedPaymentId, status, remaining });
                after.Add(new { expectedPaymentId = row.ExpectedPaymentId, status = row.Status, remaining = row.RemainingAmount, amount = back.ToAmountString() });
                actions.Add(new(TableTransactionActionType.UpdateReplace, row, row.ETag));
            }
            actions.Add(ManualSettlement.GuardAction(tenantId, accountId, entry, guard, [], now, EntryAllocations.UnmatchedRule));
            var view = ManualSettlement.View(entry, accountId, entryAmount, Money.Zero(entryAmount.Currency), settled.Values);
            var auditRow = audit.Row(tenantId, caller, "transaction.unmatched", ManualSettlement.Subject(accountId, entry),
                new { allocated = allocated.ToAmountString(), expectedPayments = before },
                new { allocated = Money.Zero(entryAmount.Currency).ToAmountString(), expectedPayments = after, reason }, now);
            if (await ManualSettlement.CommitAsync(storage, idempotency, actions, auditRow, tenantId, keyHash, requestHash, entry, view, cancellationToken) is { } result)
            {
                return result;
            }
        }
        return ManualSettlement.Contended();
    }
}
