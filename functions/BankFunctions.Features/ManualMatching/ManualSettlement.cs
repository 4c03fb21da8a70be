using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Domain;
using BankFunctions.Features.Http;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>What the match and unmatch routes share: which entries they act on, the guard they write, the answers.</summary>
internal static class ManualSettlement
{
    /// <summary>Rounds of read–decide–write before giving up with a 503 (another writer kept changing the same rows).</summary>
    public const int Attempts = 5;

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Only a booked entry that is no reversal settles expected payments (as in automatic matching); else 409.</summary>
    public static IResult? Refusal(StatementEntryRow entry) =>
        entry.Status != "booked" || entry.IsReversal || Money.TryParse(entry.Amount, entry.Currency, out _) is null
            ? Problem.InvalidState($"Transaction '{entry.EntryKey}' is {(entry.IsReversal ? "a reversal" : entry.Status)}; only booked entries that are not reversals settle expected payments.")
            : null;

    /// <summary>The audit subject: the account and the entry.</summary>
    public static string Subject(string accountId, StatementEntryRow entry) => accountId + "/" + entry.EntryKey;

    /// <summary>The entry's guard naming these expected payments: added when there is none yet, else replaced under its ETag.</summary>
    public static TableTransactionAction GuardAction(string tenantId, string accountId, StatementEntryRow entry, EntrySettlementRow? guard,
        IEnumerable<string> expectedPaymentIds, DateTimeOffset now, string? rule = null)
    {
        var ids = string.Join(',', expectedPaymentIds);
        if (guard is null)
        {
            return new(TableTransactionActionType.Add, new EntrySettlementRow
            {
                PartitionKey = TableKeys.TenantPartition(tenantId),
                RowKey = TableKeys.EntrySettlementRow(accountId, entry.RowKey),
                AccountId = accountId,
                EntryId = entry.EntryKey,
                Rule = rule ?? EntryAllocations.ManualRule,
                ExpectedPaymentIds = ids,
                At = now,
            });
        }
        guard.ExpectedPaymentIds = ids;
        guard.Rule = rule ?? (guard.Rule == EntryAllocations.UnmatchedRule ? EntryAllocations.ManualRule : guard.Rule);
        guard.At = now;
        return new(TableTransactionActionType.UpdateReplace, guard, guard.ETag);
    }

    public static EntrySettlementView View(StatementEntryRow entry, string accountId, Money entryAmount, Money allocated, IEnumerable<ExpectedPaymentRow> touched)
    {
        var whole = entryAmount.Abs();
        var left = whole - allocated;
        // Unsigned, as every MoneyView (the contract's money pattern has no sign): a debit's direction is in /transactions.
        return new EntrySettlementView(entry.EntryKey, accountId, new MoneyView(entry.Currency, whole.ToAmountString()),
            new MoneyView(entry.Currency, allocated.ToAmountString()),
            new MoneyView(entry.Currency, (left.IsNegative ? Money.Zero(left.Currency) : left).ToAmountString()),
            touched.Select(ExpectedPaymentView.From).ToList());
    }

    /// <summary>
    /// Writes the decided rows, the idempotency record answering <paramref name="view"/> and the audit row as one
    /// entity-group transaction. Null when another writer changed one of the rows meanwhile and no earlier answer exists
    /// under this Idempotency-Key: the caller reads and decides again.
    /// </summary>
    public static async Task<IResult?> CommitAsync(StorageClients storage, IdempotencyStore idempotency, List<TableTransactionAction> actions,
        AuditRow auditRow, string tenantId, string keyHash, string requestHash, StatementEntryRow entry, EntrySettlementView view, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(view, ApiJson.Options);
        var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", entry.EntryKey);
        idem.ResponseStatus = 200;
        idem.ResponseBody = body;
        actions.Add(new(TableTransactionActionType.Add, idem));
        actions.Add(new(TableTransactionActionType.Add, auditRow));
        try
        {
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            return new StoredJsonResult(200, body);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return await EarlierAsync(idempotency, tenantId, keyHash, requestHash, cancellationToken);
        }
    }

    /// <summary>After a failed write: the answer already given under this Idempotency-Key, if any (an expired record is removed).</summary>
    public static async Task<IResult?> EarlierAsync(IdempotencyStore idempotency, string tenantId, string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        var outcome = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
        if (outcome is IdempotencyOutcome.Expired expired)
        {
            if (expired.Row is not null)
            {
                await idempotency.DeleteExpiredAsync(expired.Row, cancellationToken);
            }
            return null;
        }
        return IdempotencyStore.ToResult(outcome);
    }

    /// <summary>The 503 when pulls or other people kept changing the same entry or expected payments: nothing was written; retry.</summary>
    public static IResult Contended()
    {
        var seconds = (int)Math.Ceiling(RetryAfter.TotalSeconds);
        return Problem.Create(503, ProblemTypes.Unavailable, "The entry is being settled by someone else.",
            $"A statement pull or another request kept changing this entry or its expected payments; nothing was changed. Retry after {seconds} s.",
            headers: new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) });
    }
}
