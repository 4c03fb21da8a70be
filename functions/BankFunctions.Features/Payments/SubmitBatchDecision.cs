using System.Text.Json;
using BankFunctions.Domain.Ids;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Profiles;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// What POST /v1/payment-batches decides, as data (STYLE: input → validation → Decide). Pure: the handler reads the
/// debtor account, profile and approval rules first, then writes the header, the items in chunks and the completion
/// in the order <see cref="SubmitBatch"/> describes — a batch of 10,000 items cannot be one transaction.
/// </summary>
public abstract record SubmitBatchDecision
{
    /// <summary>How many item conversions the response lists: the stored idempotent response must stay small.</summary>
    public const int MaxWarnings = 20;

    /// <summary>Refused field by field (400, items under <c>items[i].</c>); nothing is written.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SubmitBatchDecision;

    /// <param name="Header">The batch header in its first status (approved when the tenant's rules ask for no approval), not yet complete.</param>
    /// <param name="Kind">"payments" or "payroll".</param>
    /// <param name="Items">The checked items, in request order; item i gets the id derived from the batch id and i.</param>
    /// <param name="Warnings">The conversions made to fit the bank (SEPA transliteration), listed up to <see cref="MaxWarnings"/>.</param>
    public sealed record Accepted(BatchRow Header, string Kind, IReadOnlyList<ValidPayment> Items, IReadOnlyList<string> Warnings) : SubmitBatchDecision;

    public static SubmitBatchDecision Decide(SubmitBatch.Request request, AccountRow? debtor, BankProfile? bank, IReadOnlyList<ApprovalRule> rules,
        Caller caller, string batchId, DateTimeOffset now) =>
        Decide(request, debtor, bank, LegacyRules.ToWorkflow(rules), caller, batchId, now);

    /// <summary>The batch's levels come from <paramref name="workflow"/> on its total, account and kind, snapshotted on the header (issue #15).</summary>
    public static SubmitBatchDecision Decide(SubmitBatch.Request request, AccountRow? debtor, BankProfile? bank, ApprovalWorkflow workflow,
        Caller caller, string batchId, DateTimeOffset now)
    {
        var (kind, items) = SubmitBatch.Validate(request, debtor, bank, now, out var v);
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }
        var tenantId = caller.RequireTenant();
        var total = items.Sum(i => i.Amount);
        var currency = items[0].Currency;
        var kindOfBatch = PaymentKinds.OfBatch(kind);
        var levels = WorkflowRequirement.Evaluate(workflow, new PaymentFacts(Domain.Money.Of(total, currency.Code), debtor!.AccountId, kindOfBatch, false));
        var required = ApprovalLevelRules.TotalRequired(levels);
        var status = BatchStateMachine.Initial(required).ToWire();
        var header = new BatchRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.BatchRow(batchId),
            BatchId = batchId,
            Kind = kind,
            DebtorAccountId = debtor!.AccountId,
            Bank = debtor.Bank,
            Currency = currency.Code,
            TotalAmount = MoneyText.Format(total, currency),
            ItemCount = items.Count,
            Status = status,
            StatusHistory = StatusHistory.Start(new StatusChange(status, now)),
            ApprovalsRequired = required,
            CreatedBy = caller.Actor,
            CreatedByName = caller.ActorName,
            CreatedAt = now,
            UpdatedAt = now,
            RequestedExecutionDate = PaymentRows.Day(items[0].ExecutionDate),
            ExecutionDate = PaymentRows.Day(items[0].EffectiveExecutionDate ?? items[0].ExecutionDate),
        };
        PaymentApprovals.Store(header, levels);
        var warnings = items.SelectMany(i => i.Warnings).ToList();
        if (warnings.Count > MaxWarnings)
        {
            warnings = [.. warnings.Take(MaxWarnings), $"… and {warnings.Count - MaxWarnings} more converted fields."];
        }
        return new Accepted(header, kind, items, warnings);
    }

    /// <summary>
    /// The item rows of chunk <paramref name="chunk"/> (100 items: one entity-group transaction). Items start where
    /// their header is (pending_approval or approved, the names the two share); ids are derived from the batch id and
    /// the index, so a resumed batch writes the same rows.
    /// </summary>
    public static IReadOnlyList<PaymentRow> ItemRows(BatchRow header, IReadOnlyList<ValidPayment> items, Caller caller, int chunk)
    {
        var tenantId = caller.RequireTenant();
        var itemKind = header.Kind == "payroll" ? "payroll" : "payment";
        var status = PaymentStatusNames.Parse(header.Status);
        var batch = BatchId.Of(header.BatchId);
        var rows = new List<PaymentRow>(ChunkSize);
        for (var i = chunk * ChunkSize; i < Math.Min(items.Count, (chunk + 1) * ChunkSize); i++)
        {
            rows.Add(PaymentRows.New(tenantId, batch.ItemId(i).Value, items[i], status, header.ApprovalsRequired, caller, header.CreatedAt, header.BatchId, i, itemKind));
        }
        return rows;
    }

    /// <summary>Items per chunk: the entity-group transaction limit.</summary>
    public const int ChunkSize = 100;

    public static int Chunks(int items) => (items + ChunkSize - 1) / ChunkSize;

    /// <summary>
    /// The batch once every item is written and its header marked complete: the response (stored with the idempotency
    /// row), and — when approved — the payments-sign message with its outbox row, committed in the same transaction.
    /// </summary>
    public sealed record Completion(string ResponseBody, string? SignMessage, OutboxRow? Outbox);

    public static Completion Complete(string tenantId, BatchRow completedHeader, IReadOnlyList<string> warnings, DateTimeOffset completedAt)
    {
        var view = BatchView.From(completedHeader) with { Warnings = warnings.Count > 0 ? warnings : null };
        var responseBody = JsonSerializer.Serialize(view, ApiJson.Options);
        if (BatchStatusNames.Parse(completedHeader.Status) != BatchStatus.Approved)
        {
            return new Completion(responseBody, null, null);
        }
        var message = new SignMessage(tenantId, null, completedHeader.BatchId).ToJson();
        return new Completion(responseBody, message, PaymentRows.Outbox(tenantId, completedHeader.BatchId, QueueNames.PaymentsSign, message, completedAt));
    }
}
