using System.Globalization;
using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>An entry read from a statement and the row it will be stored as.</summary>
public sealed record IncomingEntry(StatementEntry Entry, StatementEntryRow Row);

/// <summary>What a matched entry means for one of our payments.</summary>
public sealed record PaymentEffect(string PaymentId, bool Returned, string? Reason, string? BankCode, string? BookingReference);

/// <summary>
/// Ties statement entries to our payments (issue #6 §5). An entry — or each transaction of a batch booking — that
/// carries one of our bank references (EndToEndId for ISO 20022 banks, yurref for the CMB-style bank; looked up in the
/// account's reference index written when the file was prepared) and the payment's amount settles it: a debit makes
/// the payment completed, a credit, reversal or return (RtrInf, 退票) makes it returned with the bank's reason. Debits
/// without any reference (banks that drop them) match an open payment of the same amount executed up to five days
/// before, when exactly one fits. Everything else stays unmatched and is listable.
/// </summary>
public sealed class Reconciler(StorageClients storage, StatementWarnings warnings, PaymentStore payments, TimeProvider clock)
{
    public async Task<List<PaymentEffect>> MatchAsync(string tenantId, AccountRow account, IReadOnlyList<IncomingEntry> entries, CancellationToken cancellationToken)
    {
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        var references = entries.SelectMany(e => Candidates(e.Entry).Concat(e.Entry.Details.SelectMany(d => DetailCandidates(d, ByEndToEnd(e.Entry))))).Distinct(StringComparer.Ordinal).ToList();
        var index = await LookupAsync(partition, references, cancellationToken);
        var effects = new List<PaymentEffect>();
        var withoutReference = new List<IncomingEntry>();
        foreach (var incoming in entries)
        {
            var entry = incoming.Entry;
            var parts = entry.Details.Count > 1
                ? entry.Details.Select(d => (Amount: d.Amount ?? 0m, Refs: DetailCandidates(d, ByEndToEnd(entry)).ToList(), Return: d.ReturnInfo ?? entry.ReturnInfo)).ToList()
                : [(Amount: Math.Abs(entry.Amount), Refs: Candidates(entry).ToList(), Return: entry.ReturnInfo)];
            var paid = new List<string>();
            foreach (var (amount, refs, returnInfo) in parts)
            {
                var hit = refs.Select(r => index.GetValueOrDefault(r)).FirstOrDefault(r => r is not null);
                if (hit is null)
                {
                    continue;
                }
                if (decimal.Parse(hit.Amount, CultureInfo.InvariantCulture) != Math.Abs(amount))
                {
                    await warnings.RaiseAsync(partition, WarningCodes.AmountMismatch,
                        $"Entry {incoming.Row.BankReference ?? incoming.Row.EntryKey} carries the reference of payment {hit.PaymentId} but {Math.Abs(amount).ToString(CultureInfo.InvariantCulture)} ≠ {hit.Amount}; not reconciled.",
                        null, incoming.Row.SourceBlob, cancellationToken);
                    continue;
                }
                paid.Add(hit.PaymentId);
                effects.Add(Effect(hit.PaymentId, entry, returnInfo, incoming.Row.BankReference));
            }
            if (paid.Count > 0)
            {
                incoming.Row.PaymentIds = string.Join(',', paid);
                incoming.Row.Matched = true;
            }
            else if (entry.Amount < 0 && !entry.IsReversal && parts.All(p => p.Refs.Count == 0))
            {
                withoutReference.Add(incoming);
            }
        }
        if (withoutReference.Count > 0)
        {
            effects.AddRange(await MatchByAmountAndDateAsync(tenantId, account, withoutReference, cancellationToken));
        }
        return effects;
    }

    /// <summary>Moves each payment as its entry says (ETag-guarded, forward only: a repeated entry changes nothing).</summary>
    public async Task<int> ApplyAsync(string tenantId, IReadOnlyList<PaymentEffect> effects, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var effect in effects)
        {
            var target = effect.Returned ? PaymentStatus.Returned : PaymentStatus.Completed;
            var (row, stopped) = await payments.TransitionAsync(tenantId, effect.PaymentId, p =>
            {
                var before = PaymentView.From(p);
                var changed = p.BookingReference is null && effect.BookingReference is not null && !effect.Returned;
                if (changed)
                {
                    p.BookingReference = effect.BookingReference;
                }
                changed |= PaymentTransitions.TryApply(p, target, PaymentTrigger.Booking, clock.GetUtcNow(),
                    effect.Returned ? effect.Reason ?? "Returned by the bank" : null, effect.BankCode);
                if (!changed)
                {
                    return new TransitionDecision.Stop(Results.Empty);
                }
                p.UpdatedAt = clock.GetUtcNow();
                // Audited in the same transaction (issue #20 §2); a booking reference alone is recorded as "booked".
                var action = p.Status == before.Status ? "payment.booked" : "payment." + p.Status;
                return new TransitionDecision.Write([new(TableTransactionActionType.Add,
                    Audit.SystemRow(tenantId, nameof(Reconciler), action, p.PaymentId, before, PaymentView.From(p), p.UpdatedAt))]);
            }, cancellationToken);
            if (row is not null && stopped is null)
            {
                moved++;
            }
        }
        return moved;
    }

    private static PaymentEffect Effect(string paymentId, StatementEntry entry, string? returnInfo, string? bookingReference)
    {
        var returned = entry.Amount > 0 || entry.IsReversal || returnInfo is not null;
        var reason = returnInfo is not null ? $"Returned by the bank ({returnInfo})"
            : entry.IsReversal ? "Reversed by the bank"
            : entry.RemittanceInformation is { Length: > 0 } text ? $"Returned by the bank: {text}" : "Returned by the bank";
        return new PaymentEffect(paymentId, returned, returned ? reason : null, returned ? returnInfo : null, bookingReference);
    }

    private async Task<List<PaymentEffect>> MatchByAmountAndDateAsync(string tenantId, AccountRow account, List<IncomingEntry> entries, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.PaymentPrefix)
            + $" and DebtorAccountId eq '{TableKeys.Escape(account.AccountId)}'"
            + $" and (Status eq '{PaymentStatus.Sent.ToWire()}' or Status eq '{PaymentStatus.Accepted.ToWire()}')";
        var open = new List<PaymentRow>();
        await foreach (var p in storage.Table(TableNames.TenantData).QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
        {
            open.Add(p);
        }
        var effects = new List<PaymentEffect>();
        foreach (var incoming in entries)
        {
            var day = incoming.Entry.BookingDate ?? incoming.Entry.ValueDate;
            var fits = open.Where(p => decimal.Parse(p.Amount, CultureInfo.InvariantCulture) == Math.Abs(incoming.Entry.Amount)
                && DateOnly.TryParseExact(p.RequestedExecutionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var executed)
                && day is { } d && d >= executed && d.DayNumber - executed.DayNumber <= 5).ToList();
            if (fits.Count != 1)
            {
                continue; // None, or ambiguous: leave it for a person.
            }
            open.Remove(fits[0]);
            incoming.Row.PaymentIds = fits[0].PaymentId;
            incoming.Row.Matched = true;
            effects.Add(new PaymentEffect(fits[0].PaymentId, false, null, null, incoming.Row.BankReference));
        }
        return effects;
    }

    private async Task<Dictionary<string, PaymentReferenceRow>> LookupAsync(string partition, List<string> references, CancellationToken cancellationToken)
    {
        var rows = await RowKeyLookup.FindAsync<PaymentReferenceRow>(storage.Table(TableNames.Statements), partition,
            references.Select(RowKey), cancellationToken);
        return references.Where(r => rows.ContainsKey(RowKey(r))).ToDictionary(r => r, r => rows[RowKey(r)], StringComparer.Ordinal);
    }

    private static string RowKey(string reference) => TableKeys.PaymentReferenceRow(EntryKeys.Safe(reference));

    /// <summary>
    /// The references under which an entry may be one of our payments. Debits: all of them. Credits are mostly money
    /// coming in, whose EndToEndId is the payer's: only a credit that says it is a return or reversal (RtrInf, RC/RD,
    /// reversal flag) is looked up by EndToEndId; the CMB-style bank's 退票 credit carries our yurref as the
    /// customer reference, which incoming payments do not, so that one is always looked up.
    /// </summary>
    private static IEnumerable<string> Candidates(StatementEntry e)
    {
        var byEndToEnd = ByEndToEnd(e);
        var own = (byEndToEnd ? Meaningful(e.EndToEndId) : []).Concat(Meaningful(e.CustomerReference));
        return own.Concat(e.Details.Count == 1 ? DetailCandidates(e.Details[0], byEndToEnd) : []);
    }

    private static bool ByEndToEnd(StatementEntry e) => e.Amount < 0 || e.IsReversal || e.ReturnInfo is not null || e.Details.Any(d => d.ReturnInfo is not null);

    private static IEnumerable<string> DetailCandidates(EntryDetail d, bool byEndToEnd) =>
        (byEndToEnd || d.ReturnInfo is not null ? Meaningful(d.EndToEndId) : []).Concat(Meaningful(d.CustomerReference));

    private static IEnumerable<string> Meaningful(string? reference) =>
        string.IsNullOrWhiteSpace(reference) || reference.Trim() is "NOTPROVIDED" or "NONREF" ? [] : [reference.Trim()];
}
