using System.Globalization;
using BankFunctions.Domain;

namespace BankFunctions.Features.Receivables;

/// <summary>Why one rule did not take an expected payment for an entry: a stable code and a sentence for a person.</summary>
public sealed record CandidateReason(string Code, string Detail);

/// <summary>An open expected payment the matcher looked at for an entry; <see cref="WouldMatchBy"/> is set when the rules take it now.</summary>
public sealed record MatchCandidate(ExpectedPayment Spec, MatchRule? WouldMatchBy, IReadOnlyList<CandidateReason> Reasons);

/// <summary>
/// Why an entry was not matched automatically (pure; GET /v1/accounts/{id}/transactions/unmatched). The candidates are
/// the open expected payments a rule looked at: the reference or pattern found in the remittance, the amount still open
/// (or inside the range, or the same number in another currency), or the same counterparty account. What the rules
/// would decide now comes from <see cref="ReceivableMatcher"/> itself, the reasons from the tests of
/// <see cref="MatchRules"/> — never a second copy of the rules.
/// </summary>
public static class MatchExplanation
{
    public const int MaxCandidates = 10;

    /// <summary>Reason codes (docs/API.md "Manual matching").</summary>
    public const string MatchesNow = "matches_now", CurrencyDiffers = "currency_differs", DirectionDiffers = "direction_differs",
        AmountDiffers = "amount_differs", BelowRangeMinimum = "below_range_minimum", OutsideWindow = "outside_window",
        CounterpartyAccountDiffers = "counterparty_account_differs", Ambiguous = "ambiguous",
        ReferenceNotInRemittance = "reference_not_in_remittance", TakenByOthers = "taken_by_others";

    public static IReadOnlyList<string> Codes { get; } =
    [
        MatchesNow, CurrencyDiffers, DirectionDiffers, AmountDiffers, BelowRangeMinimum, OutsideWindow, CounterpartyAccountDiffers, Ambiguous,
        ReferenceNotInRemittance, TakenByOthers,
    ];

    public static IReadOnlyList<MatchCandidate> Explain(MatchableEntry entry, IReadOnlyList<ExpectedPayment> open)
    {
        if (entry.Amount.IsZero)
        {
            return [];
        }
        var direction = MatchRules.DirectionOf(entry.Amount);
        var amount = entry.Amount.Abs();
        var words = RemittanceWords.Split(entry.Remittance);
        var decided = new ReceivableMatcher(open).Match(entry);
        var takenNow = decided?.Allocations.Select(a => a.ExpectedPaymentId).ToHashSet(StringComparer.Ordinal) ?? [];
        var byAmountAndDate = open.Count(s => MatchRules.SameKind(s, direction, amount.Currency)
            && MatchRules.Fits(s, s.Remaining, amount, entry.Day) && !MatchRules.Contradicts(s, entry.CounterpartyAccount));

        var candidates = new List<MatchCandidate>();
        foreach (var spec in open)
        {
            var structured = MatchRules.StructuredReference(spec, entry.Remittance, words);
            var referenced = structured || MatchRules.ReferenceInRemittance(spec, entry.Remittance, words);
            var sameNumber = spec.IsRange
                ? amount.Amount >= spec.Min!.Value.Amount && amount.Amount <= spec.Max!.Value.Amount
                : amount.Amount == spec.Remaining.Amount;
            if (!referenced && !sameNumber && !MatchRules.SameCounterparty(spec, entry.CounterpartyAccount))
            {
                continue;
            }
            if (takenNow.Contains(spec.Id))
            {
                candidates.Add(new MatchCandidate(spec, decided!.Rule, [new CandidateReason(MatchesNow,
                    $"Rule {decided.Rule.ToWire()} takes it now: it was not open, or did not exist, when the entry was matched automatically.")]));
                continue;
            }
            candidates.Add(new MatchCandidate(spec, null, Reasons(spec, entry, amount, direction, referenced, sameNumber, byAmountAndDate)));
        }
        return candidates
            .OrderBy(c => c.WouldMatchBy is null ? 1 : 0)
            .ThenBy(c => c.Reasons.Count)
            .ThenBy(c => c.Spec.Id, StringComparer.Ordinal)
            .Take(MaxCandidates).ToList();
    }

    private static List<CandidateReason> Reasons(ExpectedPayment spec, MatchableEntry entry, Money amount, ExpectedDirection direction, bool referenced, bool sameNumber, int byAmountAndDate)
    {
        var reasons = new List<CandidateReason>();
        if (spec.Currency != amount.Currency)
        {
            reasons.Add(new(CurrencyDiffers, $"The entry is in {amount.Currency.Code}, the expected payment in {spec.Currency.Code}."));
        }
        if (spec.Direction != direction)
        {
            reasons.Add(new(DirectionDiffers, $"The entry is a {direction.ToWire()}, the expected payment a {spec.Direction.ToWire()}."));
        }
        var sameKind = reasons.Count == 0;
        if (referenced)
        {
            if (sameKind && !MatchRules.CanTake(spec, amount))
            {
                reasons.Add(new(BelowRangeMinimum, $"Its reference is in the remittance, but {Show(amount)} is below the range's minimum {Show(spec.Min!.Value)} (a range is settled whole)."));
            }
            else if (sameKind)
            {
                reasons.Add(new(TakenByOthers, "Its reference is in the remittance, but the entry's amount went to expected payments found before it."));
            }
            return reasons;
        }
        if (spec.ReferenceKey is not null || spec.RemittancePattern is not null)
        {
            reasons.Add(new(ReferenceNotInRemittance, "Neither its reference nor its remittance pattern is in the entry's remittance."));
        }
        // Across currencies only the number is compared (the currency reason is given already).
        if (sameKind ? !MatchRules.AmountFits(spec, spec.Remaining, amount) : !sameNumber)
        {
            reasons.Add(new(AmountDiffers, spec.IsRange
                ? $"The entry's {Show(amount)} is outside the range {Show(spec.Min!.Value)}–{Show(spec.Max!.Value)}."
                : $"The entry's {Show(amount)} is not the {Show(spec.Remaining)} still open."));
        }
        if (!MatchRules.InWindow(spec, entry.Day))
        {
            reasons.Add(new(OutsideWindow, $"The entry's day {Day(entry.Day)} is outside the window {Day(spec.From)}–{Day(spec.To)}."));
        }
        if (MatchRules.Contradicts(spec, entry.CounterpartyAccount))
        {
            reasons.Add(new(CounterpartyAccountDiffers, $"The entry's counterparty account {entry.CounterpartyAccount} is not the expected {spec.CounterpartyAccount}."));
        }
        if (reasons.Count == 0 || (reasons.Count == 1 && reasons[0].Code == ReferenceNotInRemittance))
        {
            reasons.Add(byAmountAndDate > 1
                ? new(Ambiguous, $"{byAmountAndDate} open expected payments fit the amount and the day; rule amount_and_date takes one only when it is the only one.")
                : new(TakenByOthers, "It fits, but the entry went to another expected payment by an earlier rule."));
        }
        return reasons;
    }

    private static string Show(Money money) => money.ToString();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
