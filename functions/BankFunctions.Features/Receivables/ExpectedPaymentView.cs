using System.Globalization;
using System.Text.Json;
using BankFunctions.Domain;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

public sealed record AmountRangeView(string Currency, string Min, string Max);

public sealed record DateWindowView(string From, string To);

public sealed record ExpectedCounterpartyView(string? Name, string? Account);

/// <summary>One statement entry's part in an expected payment: the entry (as /transactions names it), how much, by which rule.</summary>
public sealed record SettlementView(string EntryId, string AccountId, MoneyView Amount, string? BookingDate, string Rule, DateTimeOffset At);

/// <summary>An expected payment as the API shows it (docs/API.md "Expected payments").</summary>
public sealed record ExpectedPaymentView(
    string Id, string AccountId, string Direction, string Status, MoneyView? Amount, AmountRangeView? AmountRange, MoneyView Remaining,
    DateWindowView Window, ExpectedCounterpartyView? Counterparty, string? Reference, string? RemittancePattern, string? ExternalId,
    IReadOnlyDictionary<string, string>? Metadata, IReadOnlyList<SettlementView> Settlements, string? CancelReason,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ExpectedPaymentView From(ExpectedPaymentRow row) => new(
        row.ExpectedPaymentId, row.AccountId, row.Direction, row.Status,
        row.Amount is null ? null : new MoneyView(row.Currency, row.Amount),
        row.Amount is null ? new AmountRangeView(row.Currency, row.MinAmount!, row.MaxAmount!) : null,
        new MoneyView(row.Currency, row.RemainingAmount),
        new DateWindowView(row.WindowFrom, row.WindowTo),
        row.CounterpartyName is null && row.CounterpartyAccount is null ? null : new ExpectedCounterpartyView(row.CounterpartyName, row.CounterpartyAccount),
        row.Reference, row.RemittancePattern, row.ExternalId,
        row.Metadata is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.Metadata, ApiJson.Options),
        ExpectedPaymentRows.Settlements(row), row.CancelReason, row.CreatedBy, row.CreatedAt, row.UpdatedAt);
}

/// <summary>Where an expected payment's row meets the model: what the matcher needs of it, and a settlement written into it.</summary>
public static class ExpectedPaymentRows
{
    public static ExpectedPaymentStatus StatusOf(ExpectedPaymentRow row) =>
        ExpectedPaymentWire.StatusFromWire(row.Status) ?? throw new FormatException($"'{row.Status}' is not an expected payment status.");

    public static bool IsOpen(ExpectedPaymentRow row) => StatusOf(row) is ExpectedPaymentStatus.Open or ExpectedPaymentStatus.PartiallyReconciled;

    public static IReadOnlyList<SettlementView> Settlements(ExpectedPaymentRow row) =>
        JsonSerializer.Deserialize<List<SettlementView>>(row.Settlements, ApiJson.Options) ?? [];

    public static Money Remaining(ExpectedPaymentRow row) => Money.Parse(row.RemainingAmount, row.Currency);

    /// <summary>The row as the matcher reads it (keys normalised once here).</summary>
    public static ExpectedPayment ToMatchable(ExpectedPaymentRow row) => new(
        row.ExpectedPaymentId,
        ExpectedPaymentWire.DirectionFromWire(row.Direction) ?? ExpectedDirection.Credit,
        Currency.Find(row.Currency)!,
        row.Amount is null ? null : Money.Parse(row.Amount, row.Currency),
        row.MinAmount is null ? null : Money.Parse(row.MinAmount, row.Currency),
        row.MaxAmount is null ? null : Money.Parse(row.MaxAmount, row.Currency),
        Remaining(row),
        DateOnly.ParseExact(row.WindowFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(row.WindowTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        RemittanceWords.Key(row.CounterpartyAccount),
        RemittanceWords.Key(row.Reference),
        RemittanceWords.Split(row.Reference).Count,
        Domain.Receivables.CreditorReference.TryNormalize(row.Reference),
        row.RemittancePattern);

    /// <summary>
    /// Writes one allocation of an entry into the row: <paramref name="take"/> off what is open (never below zero; a range
    /// is closed whole), the settlement appended. False when the row has nothing open any more (settled or cancelled meanwhile).
    /// </summary>
    public static bool Apply(ExpectedPaymentRow row, Money take, SettlementView settlement, DateTimeOffset now)
    {
        if (!IsOpen(row) || take.IsZero)
        {
            return false;
        }
        var remaining = Remaining(row);
        var taken = take < remaining ? take : remaining;
        remaining = row.Amount is null ? Money.Zero(remaining.Currency) : remaining - taken;
        row.RemainingAmount = remaining.ToAmountString();
        row.Status = (remaining.IsZero ? ExpectedPaymentStatus.Reconciled : ExpectedPaymentStatus.PartiallyReconciled).ToWire();
        var settlements = Settlements(row).ToList();
        settlements.Add(settlement with { Amount = new MoneyView(row.Currency, (row.Amount is null ? take : taken).ToAmountString()) });
        row.Settlements = JsonSerializer.Serialize(settlements, ApiJson.Options);
        row.UpdatedAt = now;
        return true;
    }
}
