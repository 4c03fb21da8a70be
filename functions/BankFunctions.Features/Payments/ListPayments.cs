using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using Azure.Data.Tables;

namespace BankFunctions.Features.Payments;

/// <summary>
/// GET /v1/payments (viewer): the tenant's payments newest first, filtered (see <see cref="PaymentListQuery"/>). It
/// walks the newest-first index (<see cref="ListEntryRow"/>): a single payment's entry is checked on its payment row
/// (status changes), a batch's entry lists the batch's matching items in item order at the batch's place. With
/// <c>batchId</c> it lists that batch's items in item order. A request examines at most <see cref="ScanBudget"/> rows,
/// so a narrow filter over a long history can answer a short page (even an empty one) with a <c>nextCursor</c>:
/// clients follow <c>nextCursor</c> until it is null. Payments accepted before the index existed are not listed
/// (see README "Lists and filters").
/// </summary>
public sealed class ListPayments(StorageClients storage, PaymentStore payments) : IHttpHandler
{
    public const int ScanBudget = 1000;

    public sealed record Response(IReadOnlyList<PaymentView> Items, string? NextCursor);

    private TableClient Table => storage.Table(TableNames.TenantData);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var (query, errors) = PaymentListQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Problem.Validation(errors);
        }
        var scope = query.Scope(tenantId);
        var at = ListPosition.Parse(CheckedCursor.Decode(context, scope));
        var page = new Page(query.Limit, caller);
        if (query.BatchId is { } batchId)
        {
            var batch = await payments.FindBatchAsync(tenantId, batchId, cancellationToken);
            var finished = batch is null || await ItemsAsync(batch, query, at?.Item, page, "", cancellationToken);
            return page.Answer(scope, done: finished);
        }

        var partition = TableKeys.TenantPartition(tenantId);
        if (at is { Item: { } item })
        {
            // The last page ended inside a batch: finish that batch first.
            var entry = await Table.GetEntityIfExistsAsync<ListEntryRow>(partition, at.Key, cancellationToken: cancellationToken);
            var batch = entry.HasValue ? await payments.FindBatchAsync(tenantId, entry.Value!.SubjectId, cancellationToken) : null;
            if (batch is not null && !await ItemsAsync(batch, query, item, page, at.Key, cancellationToken))
            {
                return page.Answer(scope, done: false);
            }
        }
        var after = at?.Key;
        // Chunks a little over one page: each single payment in a chunk costs a point read, wanted or not.
        var chunkSize = Math.Min(100, query.Limit + 1);
        await foreach (var chunk in Table.QueryAsync<ListEntryRow>(query.EntryFilter(partition, after), maxPerPage: chunkSize, cancellationToken: cancellationToken).AsPages())
        {
            // Single payments of the chunk are read at once; status is only on the payment row.
            var singles = await Task.WhenAll(chunk.Values.Where(e => e.Entry == ListEntryRow.PaymentEntry)
                .Select(e => payments.FindAsync(tenantId, e.SubjectId, cancellationToken)));
            var byId = singles.OfType<PaymentRow>().ToDictionary(p => p.PaymentId, StringComparer.Ordinal);
            foreach (var entry in chunk.Values)
            {
                if (entry.Entry == ListEntryRow.BatchEntry)
                {
                    var batch = await payments.FindBatchAsync(tenantId, entry.SubjectId, cancellationToken);
                    if (batch is not null && !await ItemsAsync(batch, query, null, page, entry.RowKey, cancellationToken))
                    {
                        return page.Answer(scope, done: false);
                    }
                    page.Passed(entry.RowKey);
                }
                else if (!page.Offer(byId.GetValueOrDefault(entry.SubjectId), query, null, entry.RowKey))
                {
                    return page.Answer(scope, done: false);
                }
            }
        }
        return page.Answer(scope, done: true);
    }

    /// <summary>Offers the batch's items after <paramref name="afterItem"/>; false when the page is full or the scan budget spent.</summary>
    private async Task<bool> ItemsAsync(BatchRow batch, PaymentListQuery query, string? afterItem, Page page, string entryKey, CancellationToken cancellationToken)
    {
        var filter = BatchItems.Filter(batch.PartitionKey, batch.BatchId) + query.ItemFilter();
        if (afterItem is not null)
        {
            filter += $" and RowKey gt '{TableKeys.Escape(afterItem)}'";
        }
        await foreach (var item in Table.QueryAsync<PaymentRow>(filter, maxPerPage: 200, cancellationToken: cancellationToken))
        {
            if (!page.Offer(item, query, batch, entryKey))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The page being filled and where it got to.</summary>
    private sealed class Page(int limit, Auth.Caller caller)
    {
        private readonly List<PaymentView> _items = [];
        private int _budget = ScanBudget;

        public ListPosition? Position { get; private set; }

        /// <summary>Examines one payment; false when the caller must stop (page full or budget spent) — the position is set.</summary>
        public bool Offer(PaymentRow? payment, PaymentListQuery query, BatchRow? batch, string entryKey)
        {
            _budget--;
            Position = new ListPosition(entryKey, batch is null ? null : payment?.RowKey);
            if (payment is not null && query.Matches(payment) && caller.MaySee(payment.DebtorAccountId))
            {
                _items.Add(PaymentView.From(payment, batch));
            }
            return _items.Count < limit && _budget > 0;
        }

        /// <summary>A whole index entry is behind us.</summary>
        public void Passed(string entryKey) => Position = new ListPosition(entryKey, null);

        public IResult Answer(string scope, bool done) => Results.Json(
            new Response(_items, done || Position is null ? null : CheckedCursor.Encode(scope, Position.ToString())), ApiJson.Options);
    }
}

/// <summary>Where a payment list stopped: after index entry <see cref="Key"/>, or inside its batch after item row <see cref="Item"/>.</summary>
public sealed record ListPosition(string Key, string? Item)
{
    private const char Separator = '\u001f';

    public override string ToString() => Key + Separator + Item;

    public static ListPosition? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(Separator);
        return parts.Length == 2 ? new ListPosition(parts[0], parts[1].Length == 0 ? null : parts[1])
            : throw new ProblemException(Problem.Validation("cursor", "is not a cursor this API returned for this list and these filters."));
    }
}
