using System.Globalization;
using BankFunctions.Domain;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// GET /v1/accounts/{id}/transactions/unmatched?from&amp;to&amp;cursor&amp;limit (viewer): booked entries (not reversals)
/// that no payment of ours and no expected payment settles in full, newest day first, each with what settled part
/// of it and the open expected payments the automatic rules looked at, with why each was not taken
/// (<see cref="MatchExplanation"/>). A page reads <c>limit</c> entries and leaves out the fully settled ones, so it may
/// hold fewer items; <c>nextCursor</c> goes on.
/// </summary>
public sealed class ListUnmatchedTransactions(StorageClients storage, AccountCache accounts, EntrySettlementStore entries, ExpectedPaymentStore store) : IHttpHandler
{
    public const int MaxLimit = 100;

    public static readonly IReadOnlyList<string> Parameters = ["from", "to", "cursor", "limit"];

    public sealed record ReasonView(string Code, string Detail);

    public sealed record CandidateView(string ExpectedPaymentId, string? Reference, string? ExternalId, MoneyView Remaining, DateWindowView Window,
        string? WouldMatchBy, IReadOnlyList<ReasonView> Reasons);

    public sealed record Item(TransactionView Transaction, MoneyView Allocated, MoneyView Unallocated, IReadOnlyList<string> ExpectedPaymentIds,
        string? SettledBy, IReadOnlyList<CandidateView> Candidates);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var from = ListTransactions.Day(context, "from", errors);
        var to = ListTransactions.Day(context, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["must not be after 'to'."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var account = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var (tenantId, accountId) = (account.TenantId, account.Account.AccountId);
        var lower = to is { } t ? TableKeys.StatementDayStart(t) : TableKeys.EntryPrefix;
        var upper = from is { } f ? TableKeys.StatementDayStart(f.AddDays(-1)) : TableKeys.EntryPrefix[..^1] + (char)(TableKeys.EntryPrefix[^1] + 1);
        var filter = $"PartitionKey eq '{TableKeys.Escape(account.Partition)}' and RowKey ge '{TableKeys.Escape(lower)}' and RowKey lt '{TableKeys.Escape(upper)}'"
            + " and Status eq 'booked' and IsReversal eq false and Matched eq false";
        var (page, next) = await TablePages.ReadAsync<StatementEntryRow>(storage, filter, Cursor.Decode(context), Cursor.Limit(context, max: MaxLimit),
            cancellationToken, TableNames.Statements);
        var usable = page.Where(e => Money.TryParse(e.Amount, e.Currency, out _) is not null && (e.BookingDate ?? e.ValueDate) is not null).ToList();

        var guards = await entries.GuardsAsync(tenantId, accountId, usable.Select(e => e.RowKey), cancellationToken);
        var settled = await entries.ExpectedPaymentsAsync(tenantId, guards.Values.SelectMany(EntryAllocations.Ids), cancellationToken);
        var openRows = usable.Count == 0 ? [] : await store.OpenAsync(tenantId, accountId, cancellationToken);
        var open = openRows.Select(ExpectedPaymentRows.ToMatchable).ToList();
        var openById = openRows.ToDictionary(r => r.ExpectedPaymentId, StringComparer.Ordinal);

        var items = new List<Item>();
        foreach (var entry in usable)
        {
            var amount = Money.Parse(entry.Amount, entry.Currency);
            var guard = guards.GetValueOrDefault(entry.RowKey);
            var ids = EntryAllocations.Ids(guard);
            var allocated = EntryAllocations.Allocated(ids.Select(id => settled.GetValueOrDefault(id)).OfType<ExpectedPaymentRow>(), accountId, entry.EntryKey, amount.Currency);
            if (amount.IsZero || allocated >= amount.Abs())
            {
                continue; // Settled in full (or nothing to settle).
            }
            var matchable = new MatchableEntry(entry.RowKey, amount,
                DateOnly.ParseExact(entry.BookingDate ?? entry.ValueDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                RemittanceWords.Key(entry.CounterpartyAccount), entry.RemittanceInformation);
            var candidates = MatchExplanation.Explain(matchable, open).Select(c => ToView(c, openById[c.Spec.Id])).ToList();
            items.Add(new Item(TransactionView.From(entry), new MoneyView(entry.Currency, allocated.ToAmountString()),
                new MoneyView(entry.Currency, (amount.Abs() - allocated).ToAmountString()), ids, guard?.Rule, candidates));
        }
        return Results.Json(new Response(items, Cursor.Encode(next)), ApiJson.Options);
    }

    private static CandidateView ToView(MatchCandidate c, ExpectedPaymentRow row) => new(
        row.ExpectedPaymentId, row.Reference, row.ExternalId, new MoneyView(row.Currency, row.RemainingAmount), new DateWindowView(row.WindowFrom, row.WindowTo),
        c.WouldMatchBy?.ToWire(), c.Reasons.Select(r => new ReasonView(r.Code, r.Detail)).ToList());
}
