using Azure.Data.Tables;
using BankFunctions.Domain;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.PaymentReferences;
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
/// account's reference index written when the file was prepared) and the payment's money — amount and currency —
/// settles it: a debit makes
/// the payment completed, a credit, reversal or return (RtrInf, 退票) makes it returned with the bank's reason. Debits
/// without any reference (banks that drop them) match an open payment of the same money executed up to five days
/// before, when exactly one fits. Everything else stays unmatched and is listable. The decisions are
/// <see cref="PaymentMatching"/> (pure); moves go through the payment state machine (<see cref="PaymentTransitions"/>).
/// </summary>
public sealed class Reconciler(StorageClients storage, StatementWarnings warnings, PaymentStore payments, TimeProvider clock, AuditRows audit, Receipts.ReceiptRequests receipts)
{
    public async Task<List<PaymentEffect>> MatchAsync(string tenantId, AccountRow account, IReadOnlyList<IncomingEntry> entries, CancellationToken cancellationToken)
    {
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        var references = entries.SelectMany(e => PaymentMatching.References(e.Entry)).Distinct(StringComparer.Ordinal).ToList();
        var index = await LookupAsync(partition, account.Currency, references, cancellationToken);
        var effects = new List<PaymentEffect>();
        var withoutReference = new List<IncomingEntry>();
        foreach (var incoming in entries)
        {
            var match = PaymentMatching.ByReference(incoming.Entry, CurrencyOf(incoming, account), incoming.Row.BankReference, index);
            foreach (var mismatch in match.Mismatches)
            {
                await warnings.RaiseAsync(partition, WarningCodes.AmountMismatch, mismatch.Describe(incoming.Row.BankReference ?? incoming.Row.EntryKey),
                    null, incoming.Row.SourceBlob, cancellationToken);
            }
            if (match.Effects.Count > 0)
            {
                incoming.Row.PaymentIds = string.Join(',', match.Effects.Select(e => e.PaymentId));
                incoming.Row.Matched = true;
                effects.AddRange(match.Effects);
            }
            else if (match.WithoutReference)
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

    /// <summary>
    /// Moves each payment as its entry says (<see cref="PaymentMatching.Book"/>: through the state machine as a booking)
    /// (ETag-guarded, forward only: a repeated entry changes nothing). A completed payment whose booking this records, at
    /// a bank that offers e-receipts, gets its receipt work's outbox row in the same transaction (issue #14), added to
    /// <paramref name="receiptWork"/> for the caller to send once everything is stored.
    /// </summary>
    public async Task<int> ApplyAsync(string tenantId, IReadOnlyList<PaymentEffect> effects, CancellationToken cancellationToken,
        List<Receipts.ReceiptMessage>? receiptWork = null)
    {
        var moved = 0;
        foreach (var effect in effects)
        {
            Receipts.ReceiptMessage? work = null;
            var (row, stopped) = await payments.TransitionAsync(tenantId, effect.PaymentId, p =>
            {
                var before = PaymentView.From(p);
                var now = clock.GetUtcNow();
                if (PaymentMatching.Book(p, effect, now) is not { } action)
                {
                    return new TransitionDecision.Stop(Results.Empty);
                }
                // Audited in the same transaction (issue #20 §2).
                List<TableTransactionAction> extra = [new(TableTransactionActionType.Add,
                    audit.SystemRow(tenantId, nameof(Reconciler), action, p.PaymentId, before, PaymentView.From(p), p.UpdatedAt))];
                // Completed by this booking, or completed before by the bank's status report (ACSC, rtnFlg S) and now
                // given its booking reference: either way the entry that books it is known, and with it the receipt.
                work = PaymentTransitions.StatusOf(p) == PaymentStatus.Completed && p.BookingReference is { } booked && receipts.Offered(p.Bank)
                    ? new Receipts.ReceiptMessage(tenantId, p.DebtorAccountId, booked)
                    : null;
                if (work is not null)
                {
                    extra.Add(Receipts.ReceiptRequests.OutboxAction(work, now));
                }
                return new TransitionDecision.Write(extra);
            }, cancellationToken);
            if (row is not null && stopped is null)
            {
                moved++;
                if (work is not null)
                {
                    receiptWork?.Add(work);
                }
            }
        }
        return moved;
    }

    private async Task<List<PaymentEffect>> MatchByAmountAndDateAsync(string tenantId, AccountRow account, List<IncomingEntry> entries, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.PaymentPrefix)
            + $" and DebtorAccountId eq '{TableKeys.Escape(account.AccountId)}'"
            + $" and (Status eq '{PaymentStatus.Sent.ToWire()}' or Status eq '{PaymentStatus.Accepted.ToWire()}')";
        var open = new List<OpenPayment>();
        await foreach (var p in storage.Table(TableNames.TenantData).QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
        {
            if (PaymentMatching.Open(p) is { } payment)
            {
                open.Add(payment);
            }
        }
        var fits = PaymentMatching.ByAmountAndDate(entries.Select(e => (e.Entry, CurrencyOf(e, account))).ToList(), open);
        var effects = new List<PaymentEffect>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (fits[i] is not { } fit)
            {
                continue; // None, or ambiguous: leave it for a person.
            }
            entries[i].Row.PaymentIds = fit.PaymentId;
            entries[i].Row.Matched = true;
            effects.Add(new PaymentEffect(fit.PaymentId, false, null, null, entries[i].Row.BankReference));
        }
        return effects;
    }

    /// <summary>The index rows of these references as domain values (rows written before currencies were indexed are in the account's currency).</summary>
    private async Task<Dictionary<string, ReferencedPayment>> LookupAsync(string partition, string accountCurrency, List<string> references, CancellationToken cancellationToken)
    {
        var rows = await RowKeyLookup.FindAsync<PaymentReferenceRow>(storage.Table(TableNames.Statements), partition,
            references.Select(PaymentReferenceIndex.RowKey), cancellationToken);
        var index = new Dictionary<string, ReferencedPayment>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (rows.TryGetValue(PaymentReferenceIndex.RowKey(reference), out var row)
                && Money.TryParse(row.Amount, string.IsNullOrEmpty(row.Currency) ? accountCurrency : row.Currency, out _) is { } amount)
            {
                index[reference] = new ReferencedPayment(row.PaymentId, amount);
            }
        }
        return index;
    }

    /// <summary>The entry's currency as stored (the account's when the file names none).</summary>
    private static string CurrencyOf(IncomingEntry incoming, AccountRow account) =>
        string.IsNullOrEmpty(incoming.Row.Currency) ? incoming.Entry.Currency ?? account.Currency : incoming.Row.Currency;

}
