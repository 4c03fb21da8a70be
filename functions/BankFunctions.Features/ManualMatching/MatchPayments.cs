using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Domain;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// The paymentIds half of POST …/transactions/{entryId}/match (issue #17): a person ties a booked debit to our own
/// payments the reconciler did not tie (the bank lost our reference, or several payments fit). It closes the loop as
/// the reconciler does — the same <see cref="PaymentMatching.Book"/> (a <c>Booking</c> through the state machine:
/// sent/accepted → completed, the entry's bank reference kept as evidence) and the same entry columns
/// (<c>PaymentIds</c>, <c>Matched</c>) that /transactions shows.
/// <para>
/// The payments live in the tenant's partition, the entry in the account's statement partition of another table, so
/// this is not one transaction. The writes are ordered so that a crash between them is safe and the same request run
/// again completes it: (1) one entity-group transaction in the tenant partition — the entry's settlement guard naming
/// the payments (added, or replaced under its ETag: at most one tie per entry), each payment completed under its ETag
/// (a payment is completed by one entry only), one <c>payment.completed</c> audit row each and <c>transaction.matched</c>;
/// (2) the entry row marked matched with the payment ids, under its ETag; (3) the idempotency record with the answer.
/// After (1) the tie is decided; a re-run finds the guard naming these payments, completed, takes them as done by this
/// entry and finishes (2) and (3).
/// </para>
/// </summary>
public sealed class MatchPayments(StorageClients storage, EntrySettlementStore entries, IdempotencyStore idempotency,
    TimeProvider clock, AuditRows audit)
{
    public async Task<IResult> HandleAsync(IdempotentPost<MatchInput> post, TenantAccount account, StatementEntryRow entry, CancellationToken cancellationToken)
    {
        var (caller, tenantId, input, keyHash, requestHash) = post;
        if (await ManualSettlement.EarlierAsync(idempotency, tenantId, keyHash, requestHash, cancellationToken) is { } replay)
        {
            return replay;
        }
        var accountId = account.Account.AccountId;
        var entryAmount = Money.Parse(entry.Amount, entry.Currency);
        var requested = (input.PaymentIds ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= ManualSettlement.Attempts; attempt++)
        {
            var guard = await entries.FindGuardAsync(tenantId, accountId, entry.RowKey, cancellationToken);
            var tied = Ids(guard?.PaymentIds);
            if ((tied.Count > 0 && !tied.SetEquals(requested)) || (tied.Count == 0 && entry.Matched))
            {
                return Problem.InvalidState($"Transaction '{entry.EntryKey}' is matched to payments {entry.PaymentIds ?? guard?.PaymentIds} already; a payment tie is final.");
            }
            var found = await PaymentsAsync(tenantId, requested, cancellationToken);
            var decision = ManualPaymentRules.Check(input, accountId, entryAmount, found, tied);
            if (decision is ManualPaymentRules.Invalid invalid)
            {
                return Problem.Validation(invalid.Errors);
            }
            var valid = (ManualPaymentRules.Valid)decision;
            var now = clock.GetUtcNow();
            if (tied.Count == 0 && !await TieAsync(tenantId, caller, accountId, entry, guard, valid, now, cancellationToken))
            {
                continue; // A pull, a payment's own update or another match changed a row meanwhile: decide again.
            }
            // (2): the entry shows the tie (a pull replacing the row meanwhile: read it again and mark it again).
            if (await MarkEntryAsync(account, entry, valid.Payments, cancellationToken) is not { } marked)
            {
                return ManualSettlement.Contended(); // Tied already; the same request again marks the entry.
            }
            entry = marked;
            // (3): the answer, under the Idempotency-Key.
            var current = await PaymentsAsync(tenantId, requested, cancellationToken);
            var view = ManualSettlement.View(entry, accountId, entryAmount, entryAmount.Abs(), []) with
            {
                Payments = valid.Payments.Select(p => PaymentView.From(current.GetValueOrDefault(p.PaymentId) ?? p)).ToList(),
            };
            var body = JsonSerializer.Serialize(view, ApiJson.Options);
            var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", entry.EntryKey);
            idem.ResponseStatus = 200;
            idem.ResponseBody = body;
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync([new(TableTransactionActionType.Add, idem)], cancellationToken);
                return new StoredJsonResult(200, body);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409)
            {
                return await ManualSettlement.EarlierAsync(idempotency, tenantId, keyHash, requestHash, cancellationToken) ?? ManualSettlement.Contended();
            }
        }
        return ManualSettlement.Contended();
    }

    /// <summary>Step (1): guard, payments completed, their audit rows and <c>transaction.matched</c>, in one transaction; false when a row changed meanwhile.</summary>
    private async Task<bool> TieAsync(string tenantId, Caller caller, string accountId, StatementEntryRow entry, EntrySettlementRow? guard,
        ManualPaymentRules.Valid valid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = valid.Payments.Select(p => p.PaymentId).ToList();
        var actions = new List<TableTransactionAction>();
        var before = new List<object>();
        var after = new List<object>();
        foreach (var p in valid.ToComplete)
        {
            var was = PaymentView.From(p);
            // The reconciler's own booking: the entry's bank reference (else its id) is the evidence kept on the payment.
            var action = PaymentMatching.Book(p, new PaymentEffect(p.PaymentId, false, null, null, entry.BankReference ?? entry.EntryKey), now);
            if (action is null)
            {
                return false; // Cannot happen for a sent/accepted payment; a row read between changes decides again.
            }
            before.Add(new { paymentId = p.PaymentId, status = was.Status });
            after.Add(new { paymentId = p.PaymentId, status = p.Status });
            actions.Add(new(TableTransactionActionType.UpdateReplace, p, p.ETag));
            actions.Add(new(TableTransactionActionType.Add, audit.Row(tenantId, caller, action, p.PaymentId, was, PaymentView.From(p), now)));
        }
        var guardAction = ManualSettlement.GuardAction(tenantId, accountId, entry, guard, EntryAllocations.Ids(guard), now);
        ((EntrySettlementRow)guardAction.Entity).PaymentIds = string.Join(',', ids);
        actions.Add(guardAction);
        actions.Add(new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "transaction.matched", ManualSettlement.Subject(accountId, entry),
            new { payments = before }, new { paymentIds = ids, payments = after, reason = valid.Reason }, now)));
        AuditRows.MergeEvents(actions.Select(a => a.Entity).OfType<AuditRow>());
        try
        {
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Step (2): the entry row carries the payment ids and is matched, as the reconciler leaves the entries it ties.</summary>
    private async Task<StatementEntryRow?> MarkEntryAsync(TenantAccount account, StatementEntryRow entry, IReadOnlyList<PaymentRow> tiedTo, CancellationToken cancellationToken)
    {
        var ids = string.Join(',', tiedTo.Select(p => p.PaymentId));
        var table = storage.Table(TableNames.Statements);
        for (var attempt = 1; ; attempt++)
        {
            if (entry.Matched && entry.PaymentIds == ids)
            {
                return entry;
            }
            entry.PaymentIds = ids;
            entry.Matched = true;
            try
            {
                await table.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Replace, cancellationToken);
                return entry;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                if (attempt >= ManualSettlement.Attempts
                    || await table.GetEntityIfExistsAsync<StatementEntryRow>(account.Partition, entry.RowKey, cancellationToken: cancellationToken) is not { HasValue: true } found)
                {
                    return null;
                }
                entry = found.Value!;
            }
        }
    }

    private async Task<Dictionary<string, PaymentRow>> PaymentsAsync(string tenantId, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var keys = ids.Where(id => id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')).Select(TableKeys.PaymentRow);
        var rows = await RowKeyLookup.FindAsync<PaymentRow>(storage.Table(TableNames.TenantData), TableKeys.TenantPartition(tenantId), keys, cancellationToken);
        return rows.Values.ToDictionary(r => r.PaymentId, StringComparer.Ordinal);
    }

    private static HashSet<string> Ids(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
