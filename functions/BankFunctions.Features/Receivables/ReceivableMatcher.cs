using BankFunctions.Domain;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// Matches booked statement entries to open expected payments (pure, no I/O; docs/API.md "Expected payments" is the
/// contract). The rules are tried in order and the first that settles anything decides:
/// <list type="number">
/// <item>structured reference — an ISO 11649 RF creditor reference written in the remittance equals the expected
/// payment's, or the whole remittance is the expected payment's reference (a code typed as the 附言/postscript);</item>
/// <item>reference in remittance — the expected payment's reference appears as words of the remittance, or its
/// remittance pattern matches;</item>
/// <item>amount + counterparty account — the amount still open (or inside the range), the same counterparty account,
/// the entry's day inside the window; several: the window that ends first (then the older one);</item>
/// <item>amount + date — the amount still open (or inside the range) and the day inside the window, only when exactly
/// one expected payment fits (a counterparty account that differs excludes it).</item>
/// </list>
/// Rules 1 and 2 may split an entry over several expected payments (in the order their references appear, the amount
/// still open of each) and may settle part of one (the rest stays open: partially_reconciled); a range is settled whole by
/// one entry inside it. Never across currencies or directions (a credit settles only credits). The matcher keeps what it
/// settled, so the entries of one run see each other's effects. Each rule's test of one expected payment is in
/// <see cref="MatchRules"/> (shared with <see cref="MatchExplanation"/>); the indexes here only find the candidates fast.
/// </summary>
public sealed class ReceivableMatcher
{
    private sealed class Open(ExpectedPayment spec)
    {
        public ExpectedPayment Spec { get; } = spec;
        public Money Remaining { get; set; } = spec.Remaining;
        public bool Closed { get; set; }
    }

    private readonly List<Open> _all = [];
    private readonly Dictionary<string, List<Open>> _byCreditorReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Open>> _byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Currency, ExpectedDirection Direction, string Account), List<Open>> _byCounterparty = [];
    private readonly Dictionary<(string Currency, ExpectedDirection Direction, decimal Amount), List<Open>> _byAmount = [];
    private readonly List<Open> _patterns = [];
    private readonly List<Open> _ranges = [];
    private readonly int _maxReferenceWords;

    public ReceivableMatcher(IEnumerable<ExpectedPayment> open)
    {
        foreach (var spec in open)
        {
            var o = new Open(spec);
            _all.Add(o);
            if (spec.CreditorReference is { } rf)
            {
                Add(_byCreditorReference, rf, o);
            }
            if (spec.ReferenceKey is { } key)
            {
                Add(_byReference, key, o);
                _maxReferenceWords = Math.Max(_maxReferenceWords, Math.Min(spec.ReferenceWords, RemittanceWords.MaxReferenceWords));
            }
            if (spec.RemittancePattern is not null)
            {
                _patterns.Add(o);
            }
            if (spec.CounterpartyAccount is { } account)
            {
                Add(_byCounterparty, (spec.Currency.Code, spec.Direction, account), o);
            }
            if (spec.IsRange)
            {
                _ranges.Add(o);
            }
            else
            {
                Add(_byAmount, (spec.Currency.Code, spec.Direction, o.Remaining.Amount), o);
            }
        }
    }

    public int OpenCount => _all.Count(o => !o.Closed);

    /// <summary>What <paramref name="entry"/> settles, or null when no rule settles anything.</summary>
    public EntryMatch? Match(MatchableEntry entry)
    {
        if (entry.Amount.IsZero)
        {
            return null;
        }
        var direction = MatchRules.DirectionOf(entry.Amount);
        var amount = entry.Amount.Abs();
        var words = RemittanceWords.Split(entry.Remittance);

        var structured = Structured(entry, words, direction, amount.Currency);
        if (Allocate(entry, MatchRule.StructuredReference, structured, amount) is { } byStructure)
        {
            return byStructure;
        }
        var referenced = InRemittance(entry, words, direction, amount.Currency);
        if (Allocate(entry, MatchRule.ReferenceInRemittance, referenced, amount) is { } byReference)
        {
            return byReference;
        }
        if (entry.CounterpartyAccount is { } account
            && _byCounterparty.TryGetValue((amount.Currency.Code, direction, account), out var sameAccount)
            && sameAccount.Where(o => Fits(o, amount, entry.Day)).OrderBy(o => o.Spec.To).ThenBy(o => o.Spec.Id, StringComparer.Ordinal).FirstOrDefault() is { } byAccount)
        {
            return Allocate(entry, MatchRule.AmountAndCounterparty, [byAccount], amount);
        }
        var fitting = (_byAmount.TryGetValue((amount.Currency.Code, direction, amount.Amount), out var sameAmount) ? sameAmount : [])
            .Concat(_ranges.Where(o => MatchRules.SameKind(o.Spec, direction, amount.Currency)))
            .Where(o => Fits(o, amount, entry.Day) && !MatchRules.Contradicts(o.Spec, entry.CounterpartyAccount))
            .Take(2).ToList();
        return fitting.Count == 1 ? Allocate(entry, MatchRule.AmountAndDate, fitting, amount) : null;
    }

    private List<Open> Structured(MatchableEntry entry, List<string> words, ExpectedDirection direction, Currency currency)
    {
        var found = new List<Open>();
        foreach (var rf in Domain.Receivables.CreditorReference.FindIn(entry.Remittance))
        {
            AddEligible(found, _byCreditorReference.GetValueOrDefault(rf), direction, currency);
        }
        if (words.Count > 0)
        {
            AddEligible(found, _byReference.GetValueOrDefault(string.Concat(words)), direction, currency);
        }
        return found;
    }

    private List<Open> InRemittance(MatchableEntry entry, List<string> words, ExpectedDirection direction, Currency currency)
    {
        var found = new List<Open>();
        if (_byReference.Count > 0)
        {
            foreach (var run in RemittanceWords.Runs(words, _maxReferenceWords))
            {
                AddEligible(found, _byReference.GetValueOrDefault(run), direction, currency);
            }
        }
        foreach (var o in _patterns)
        {
            if (!o.Closed && MatchRules.SameKind(o.Spec, direction, currency) && RemittancePattern.Matches(o.Spec.RemittancePattern!, entry.Remittance))
            {
                AddEligible(found, [o], direction, currency);
            }
        }
        return found;
    }

    private static void AddEligible(List<Open> found, List<Open>? candidates, ExpectedDirection direction, Currency currency)
    {
        if (candidates is null)
        {
            return;
        }
        // Equal references: the older expected payment first (ids are time-ordered).
        foreach (var o in candidates.Where(o => !o.Closed && MatchRules.SameKind(o.Spec, direction, currency)).OrderBy(o => o.Spec.Id, StringComparer.Ordinal))
        {
            if (!found.Contains(o))
            {
                found.Add(o);
            }
        }
    }

    /// <summary>The entry's amount given to the candidates in order, each up to what it still needs; null if none takes any.</summary>
    private EntryMatch? Allocate(MatchableEntry entry, MatchRule rule, List<Open> candidates, Money amount)
    {
        var left = amount;
        var allocations = new List<Allocation>();
        foreach (var o in candidates)
        {
            if (left.IsZero)
            {
                break;
            }
            Money take;
            if (o.Spec.IsRange)
            {
                if (!MatchRules.CanTake(o.Spec, left))
                {
                    continue; // A range is settled whole, never in parts.
                }
                take = left < o.Spec.Max!.Value ? left : o.Spec.Max!.Value;
                o.Remaining = Money.Zero(amount.Currency);
            }
            else
            {
                take = left < o.Remaining ? left : o.Remaining;
                o.Remaining -= take;
                if (!o.Remaining.IsZero)
                {
                    Add(_byAmount, (amount.Currency.Code, o.Spec.Direction, o.Remaining.Amount), o);
                }
            }
            o.Closed = o.Remaining.IsZero;
            left -= take;
            allocations.Add(new Allocation(o.Spec.Id, take, o.Remaining,
                o.Closed ? ExpectedPaymentStatus.Reconciled : ExpectedPaymentStatus.PartiallyReconciled));
        }
        return allocations.Count == 0 ? null : new EntryMatch(entry.EntryId, rule, allocations);
    }

    /// <summary>Rules 3 and 4 (<see cref="MatchRules.Fits"/>) on what this run left open.</summary>
    private static bool Fits(Open o, Money amount, DateOnly day) => !o.Closed && MatchRules.Fits(o.Spec, o.Remaining, amount, day);

    private static void Add<TKey>(Dictionary<TKey, List<Open>> index, TKey key, Open o) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(o);
    }
}
