using BankFunctions.Domain;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// The checks of a manual match (pure): every field error at once, or the allocations to write. The same amount checks
/// as automatic matching (<see cref="MatchRules"/>, <see cref="ExpectedPaymentRows.Apply"/>): the same currency and
/// direction as the entry, an open expected payment of the entry's account, each part greater than zero and at most what
/// is still open of it (a range: inside the range, settled whole), and all parts together at most what is left of the
/// entry after what settled it before.
/// </summary>
public static class ManualAllocationRules
{
    public const int MaxAllocations = 50;

    public sealed record Planned(ExpectedPaymentRow Row, Money Amount);

    public abstract record Result;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;

    public sealed record Valid(IReadOnlyList<Planned> Allocations, string? Reason) : Result;

    /// <param name="entryAmount">The entry's signed amount (debit negative).</param>
    /// <param name="allocated">What of the entry settled expected payments before (automatically or by hand).</param>
    /// <param name="found">The tenant's expected payments named in the input, by id (others are absent).</param>
    public static Result Check(MatchInput input, string accountId, Money entryAmount, Money allocated, IReadOnlyDictionary<string, ExpectedPaymentRow> found)
    {
        var v = new Validation();
        var reason = v.Text("reason", input.Reason, ReasonInput.MaxLength, required: false);
        var ids = input.ExpectedPaymentIds ?? [];
        if (ids.Count == 0)
        {
            v.Add("expectedPaymentIds", "is required: the expected payments this entry settles.");
        }
        else if (ids.Count > MaxAllocations)
        {
            v.Add("expectedPaymentIds", $"must have at most {MaxAllocations} ids.");
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            v.Add("expectedPaymentIds", "must not name an expected payment twice.");
        }
        foreach (var key in (input.Amounts ?? new Dictionary<string, string?>()).Keys.Where(k => !ids.Contains(k, StringComparer.Ordinal)))
        {
            v.Add($"amounts.{key}", "names an expected payment that is not in expectedPaymentIds.");
        }
        if (entryAmount.IsZero)
        {
            v.Add("entryId", "the entry's amount is zero: it settles nothing.");
        }
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }

        var direction = MatchRules.DirectionOf(entryAmount);
        var left = entryAmount.Abs() - allocated;
        var planned = new List<Planned>();
        var total = Money.Zero(entryAmount.Currency);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var field = $"expectedPaymentIds[{i}]";
            if (string.IsNullOrWhiteSpace(id) || !found.TryGetValue(id, out var row))
            {
                v.Add(field, "is not an expected payment of this tenant.");
                continue;
            }
            if (Problem(row, accountId, direction, entryAmount.Currency) is { } problem)
            {
                v.Add(field, problem);
                continue;
            }
            var amountField = $"amounts.{id}";
            var given = input.Amounts?.GetValueOrDefault(id);
            var amount = given is null ? Default(v, amountField, row, left - total) : Given(v, amountField, row, given);
            if (amount is { } a)
            {
                total += a;
                planned.Add(new Planned(row, a));
            }
        }
        if (v.IsValid && total > left)
        {
            v.Add("amounts", $"the parts total {total} but only {(left.IsNegative ? Money.Zero(left.Currency) : left)} of the entry is not settled yet.");
        }
        return v.IsValid ? new Valid(planned, reason) : new Invalid(v.Errors);
    }

    private static string? Problem(ExpectedPaymentRow row, string accountId, ExpectedDirection direction, Currency currency)
    {
        if (row.AccountId != accountId)
        {
            return "is an expected payment of another account.";
        }
        if (!ExpectedPaymentRows.IsOpen(row))
        {
            return $"is {row.Status}; only open or partially_reconciled expected payments can be matched.";
        }
        if (row.Currency != currency.Code)
        {
            return $"is in {row.Currency}; the entry is in {currency.Code}.";
        }
        var expected = ExpectedPaymentWire.DirectionFromWire(row.Direction);
        return expected == direction ? null : $"expects a {row.Direction}; the entry is a {direction.ToWire()}.";
    }

    /// <summary>Without an amount: what is still open (a range: up to its maximum), at most what is left of the entry.</summary>
    private static Money? Default(Validation v, string field, ExpectedPaymentRow row, Money left)
    {
        var spec = ExpectedPaymentRows.ToMatchable(row);
        if (left.IsZero || left.IsNegative)
        {
            v.Add(field, "nothing of the entry is left for it.");
            return null;
        }
        if (!MatchRules.CanTake(spec, left))
        {
            v.Add(field, $"the {left} left of the entry is below the range's minimum {spec.Min} (a range is settled whole).");
            return null;
        }
        var open = spec.IsRange ? spec.Max!.Value : spec.Remaining;
        return left < open ? left : open;
    }

    private static Money? Given(Validation v, string field, ExpectedPaymentRow row, string value)
    {
        if (Money.TryParse(value, row.Currency, out var error) is not { } amount)
        {
            v.Add(field, error ?? "is not an amount.");
            return null;
        }
        if (amount.IsZero || amount.IsNegative)
        {
            v.Add(field, "must be greater than 0.");
            return null;
        }
        var spec = ExpectedPaymentRows.ToMatchable(row);
        if (spec.IsRange && (amount < spec.Min!.Value || amount > spec.Max!.Value))
        {
            v.Add(field, $"must be inside the range {spec.Min}–{spec.Max} (a range is settled whole).");
            return null;
        }
        if (!spec.IsRange && amount > spec.Remaining)
        {
            v.Add(field, $"must be at most the {spec.Remaining} still open.");
            return null;
        }
        return amount;
    }
}
