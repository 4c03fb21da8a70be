using BankFunctions.Domain;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// The checks of tying a booked debit entry to our own payments by hand (issue #17), pure: every field error at once,
/// or the payments to complete. The entry must be a debit (our money going out); each payment of this tenant, from the
/// entry's account, in its currency, and in a status the statement reconciler may complete from (<c>sent</c> or
/// <c>accepted</c>, as <see cref="Statements.Reconciler"/>'s amount-and-date matching) — a completed payment is tied to
/// an entry already. The payments together must equal the entry's amount exactly: a bank books our payments (one, or a
/// batch as one debit) for their sum, with fees as entries of their own, so a difference means a wrong pick.
/// </summary>
public static class ManualPaymentRules
{
    /// <summary>At most this many payments: two rows each (payment, its audit row) and the guard and audit row stay within one entity-group transaction (100).</summary>
    public const int MaxPayments = 40;

    public abstract record Result;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;

    /// <param name="Payments">The payments named, in order.</param>
    /// <param name="ToComplete">Those still to move to completed (the others were completed by this entry before: a resumed request).</param>
    public sealed record Valid(IReadOnlyList<PaymentRow> Payments, IReadOnlyList<PaymentRow> ToComplete, string? Reason) : Result;

    /// <param name="entryAmount">The entry's signed amount (debit negative).</param>
    /// <param name="found">The tenant's payments named in the input, by id (others, and other tenants', are absent).</param>
    /// <param name="tiedHere">Payments this entry's guard already names: completed by this entry (a request re-run after a crash).</param>
    public static Result Check(MatchInput input, string accountId, Money entryAmount, IReadOnlyDictionary<string, PaymentRow> found, IReadOnlySet<string> tiedHere)
    {
        var v = new Validation();
        var reason = v.Text("reason", input.Reason, ReasonInput.MaxLength, required: false);
        var ids = input.PaymentIds ?? [];
        if (input.ExpectedPaymentIds is { Count: > 0 })
        {
            v.Add("expectedPaymentIds", "give either paymentIds or expectedPaymentIds, not both.");
        }
        if (input.Amounts is { Count: > 0 })
        {
            v.Add("amounts", "is for expected payments only; a payment is tied whole.");
        }
        if (ids.Count == 0)
        {
            v.Add("paymentIds", "is required: the payments this entry books.");
        }
        else if (ids.Count > MaxPayments)
        {
            v.Add("paymentIds", $"must have at most {MaxPayments} ids.");
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            v.Add("paymentIds", "must not name a payment twice.");
        }
        if (!entryAmount.IsNegative)
        {
            v.Add("entryId", "the entry is not a debit; only a debit (our payment as the bank booked it) is tied to payments.");
        }
        if (!v.IsValid)
        {
            return new Invalid(v.Errors);
        }

        var payments = new List<PaymentRow>();
        var toComplete = new List<PaymentRow>();
        var total = Money.Zero(entryAmount.Currency);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var field = $"paymentIds[{i}]";
            if (string.IsNullOrWhiteSpace(id) || !found.TryGetValue(id, out var row))
            {
                v.Add(field, "is not a payment of this tenant.");
                continue;
            }
            var done = tiedHere.Contains(id) && PaymentTransitions.StatusOf(row) == PaymentStatus.Completed;
            if (Problem(row, accountId, entryAmount.Currency, done) is { } problem)
            {
                v.Add(field, problem);
                continue;
            }
            total += Money.Parse(row.Amount, row.Currency);
            payments.Add(row);
            if (!done)
            {
                toComplete.Add(row);
            }
        }
        if (v.IsValid && total != entryAmount.Abs())
        {
            v.Add("paymentIds", $"the payments total {total}; the entry is {entryAmount.Abs()}: they must be equal.");
        }
        return v.IsValid ? new Valid(payments, toComplete, reason) : new Invalid(v.Errors);
    }

    private static string? Problem(PaymentRow row, string accountId, Currency currency, bool done)
    {
        if (row.DebtorAccountId != accountId)
        {
            return "is a payment from another account.";
        }
        if (row.Currency != currency.Code || Money.TryParse(row.Amount, row.Currency, out _) is null)
        {
            return $"is in {row.Currency}; the entry is in {currency.Code}.";
        }
        if (done)
        {
            return null;
        }
        var status = PaymentTransitions.StatusOf(row);
        if (status == PaymentStatus.Completed)
        {
            return "is completed: another entry booked it already.";
        }
        return status is PaymentStatus.Sent or PaymentStatus.Accepted
            ? null
            : $"is {row.Status}; only sent or accepted payments are completed by a statement entry.";
    }
}
