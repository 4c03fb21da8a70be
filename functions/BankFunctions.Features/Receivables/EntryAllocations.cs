using System.Text.Json;
using BankFunctions.Domain;
using BankFunctions.Features.Http;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// What of one statement entry settled expected payments, read from the expected payments' settlement lists (pure):
/// the entry's guard (<see cref="EntrySettlementRow"/>) names them, each lists its parts by entry and account.
/// </summary>
public static class EntryAllocations
{
    /// <summary>The guard's rule once a person took every allocation back: the entry stays out of automatic matching.</summary>
    public const string UnmatchedRule = "unmatched";

    /// <summary>The rule of settlements made by hand (a settlement's <c>rule</c> on the wire).</summary>
    public const string ManualRule = "manual";

    public static bool IsOf(SettlementView s, string accountId, string entryId) => s.EntryId == entryId && s.AccountId == accountId;

    /// <summary>The sum of the entry's parts in these expected payments (in the entry's currency).</summary>
    public static Money Allocated(IEnumerable<ExpectedPaymentRow> rows, string accountId, string entryId, Currency currency) =>
        rows.SelectMany(ExpectedPaymentRows.Settlements)
            .Where(s => IsOf(s, accountId, entryId) && s.Amount.Currency == currency.Code)
            .Aggregate(Money.Zero(currency), (sum, s) => sum + Money.Parse(s.Amount.Value, s.Amount.Currency));

    /// <summary>The guard's expected payment ids.</summary>
    public static IReadOnlyList<string> Ids(EntrySettlementRow? guard) =>
        guard?.ExpectedPaymentIds.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// Takes the entry's parts out of an expected payment (unmatch): what is open grows back by them (a range: back to
    /// its maximum once no part is left), the status follows — open when nothing settled it any more, else
    /// partially_reconciled; a cancelled one stays cancelled. Returns what was taken back (zero: the row is untouched).
    /// </summary>
    public static Money Restore(ExpectedPaymentRow row, string accountId, string entryId, DateTimeOffset now)
    {
        var all = ExpectedPaymentRows.Settlements(row);
        var mine = all.Where(s => IsOf(s, accountId, entryId)).ToList();
        var currency = Currency.Find(row.Currency)!;
        var back = mine.Aggregate(Money.Zero(currency), (sum, s) => sum + Money.Parse(s.Amount.Value, row.Currency));
        if (mine.Count == 0)
        {
            return back;
        }
        var rest = all.Where(s => !IsOf(s, accountId, entryId)).ToList();
        var full = Money.Parse(row.Amount ?? row.MaxAmount!, row.Currency);
        var remaining = row.Amount is null
            ? (rest.Count == 0 ? full : Money.Zero(currency))
            : ExpectedPaymentRows.Remaining(row) + back;
        row.RemainingAmount = (remaining > full ? full : remaining).ToAmountString();
        if (ExpectedPaymentRows.StatusOf(row) != ExpectedPaymentStatus.Cancelled)
        {
            row.Status = (rest.Count == 0 ? ExpectedPaymentStatus.Open
                : Money.Parse(row.RemainingAmount, row.Currency).IsZero ? ExpectedPaymentStatus.Reconciled
                : ExpectedPaymentStatus.PartiallyReconciled).ToWire();
        }
        row.Settlements = JsonSerializer.Serialize(rest, ApiJson.Options);
        row.UpdatedAt = now;
        return back;
    }
}
