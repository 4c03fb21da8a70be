using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// GET /v1/approvals/pending?cursor&amp;limit (approver): the single payments and batches awaiting approval that the
/// calling key may approve now (issue #15) — a member of a group of the level waiting (or any approver when it names
/// none), not the creator, not an approver already — newest first. It walks the newest-first payment index like
/// GET /v1/payments and examines at most <see cref="ScanBudget"/> entries a request, so a page can be short (even
/// empty) with a <c>nextCursor</c>: follow it until it is null.
/// </summary>
public sealed class ListPendingApprovals(StorageClients storage, PaymentStore payments) : IHttpHandler
{
    public const int ScanBudget = 1000;

    public static readonly IReadOnlyList<string> Parameters = ["cursor", "limit"];

    /// <param name="Kind">"payment" or "batch" (approve at POST /v1/payments/{id}/approve or /v1/payment-batches/{id}/approve).</param>
    /// <param name="Amount">A batch: its total.</param>
    /// <param name="Level">The 1-based level the caller's approval would count for.</param>
    /// <param name="ApprovalLevels">Every level with who approved each so far.</param>
    /// <param name="CreatedByName">The creating person's display name at submission; absent when a key created it.</param>
    public sealed record Item(string Kind, string Id, string DebtorAccountId, MoneyView Amount, string CreatedBy, DateTimeOffset CreatedAt,
        int Level, string LevelName, IReadOnlyList<RequiredLevel> ApprovalLevels, string? CreatedByName = null);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    /// <summary>The caller's item for a row awaiting approval, or null when it is not theirs to approve now. Pure.</summary>
    public static Item? ForCaller(string kind, string id, string debtorAccountId, MoneyView amount, string createdBy, string? createdByName, DateTimeOffset createdAt,
        IReadOnlyList<RequiredLevel> levels, Approver approver)
    {
        if (!ApprovalLevelRules.CanApprove(levels, createdBy, approver))
        {
            return null;
        }
        var level = ApprovalLevelRules.Current(levels);
        return new Item(kind, id, debtorAccountId, amount, createdBy, createdAt, level + 1, levels[level].Name, levels, createdByName);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var limit = Cursor.Limit(context);
        var scope = $"pending\u001f{tenantId}\u001f{caller.Actor}";
        var after = CheckedCursor.Decode(context, scope);
        var partition = TableKeys.TenantPartition(tenantId);
        var filter = TableKeys.PrefixFilter(partition, TableKeys.PaymentListPrefix);
        if (after is not null)
        {
            filter += $" and RowKey gt '{TableKeys.Escape(after)}'";
        }
        var items = new List<Item>();
        var examined = 0;
        string? last = null;
        await foreach (var chunk in storage.Table(TableNames.TenantData).QueryAsync<ListEntryRow>(filter, maxPerPage: 100, cancellationToken: cancellationToken).AsPages())
        {
            var found = await Task.WhenAll(chunk.Values.Select(e => FindAsync(tenantId, e, caller, cancellationToken)));
            for (var i = 0; i < chunk.Values.Count; i++)
            {
                last = chunk.Values[i].RowKey;
                examined++;
                if (found[i] is { } item)
                {
                    items.Add(item);
                }
                if (items.Count >= limit || examined >= ScanBudget)
                {
                    var more = i + 1 < chunk.Values.Count || chunk.ContinuationToken is not null;
                    return Answer(items, more ? CheckedCursor.Encode(scope, last) : null);
                }
            }
        }
        return Answer(items, null);
    }

    private static IResult Answer(List<Item> items, string? next) => Results.Json(new Response(items, next), ApiJson.Options);

    private async Task<Item?> FindAsync(string tenantId, ListEntryRow entry, Auth.Caller caller, CancellationToken cancellationToken)
    {
        var approver = caller.Approver;
        if (entry.Entry == ListEntryRow.BatchEntry)
        {
            var batch = await payments.FindBatchAsync(tenantId, entry.SubjectId, cancellationToken);
            return batch is { Complete: true } && caller.MaySee(batch.DebtorAccountId) && BatchStatusNames.Parse(batch.Status) == BatchStatus.PendingApproval
                ? ForCaller(ListEntryRow.BatchEntry, batch.BatchId, batch.DebtorAccountId, new MoneyView(batch.Currency, batch.TotalAmount), batch.CreatedBy,
                    batch.CreatedByName, batch.CreatedAt, PaymentApprovals.Snapshot(batch), approver)
                : null;
        }
        var payment = await payments.FindAsync(tenantId, entry.SubjectId, cancellationToken);
        return payment is { BatchId: null } && caller.MaySee(payment.DebtorAccountId) && PaymentTransitions.StatusOf(payment) == PaymentStatus.PendingApproval
            ? ForCaller(ListEntryRow.PaymentEntry, payment.PaymentId, payment.DebtorAccountId, new MoneyView(payment.Currency, payment.Amount), payment.CreatedBy,
                payment.CreatedByName, payment.CreatedAt, PaymentApprovals.Snapshot(payment), approver)
            : null;
    }
}
