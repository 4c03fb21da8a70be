using System.Globalization;
using System.Text.Json;
using BankFunctions.Domain;
using BankFunctions.Domain.Receivables;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// Validation of POST /v1/expected-payments (pure): every field error at once, or the row in its first status. The
/// account must be the tenant's and its currency the expected payment's; exactly one of <c>amount</c> and
/// <c>amountRange</c>; a window of at most 366 days; a reference that looks like an ISO 11649 creditor reference
/// ("RF" + two digits + letters/digits) must have valid check digits.
/// </summary>
public static class ExpectedPaymentRules
{
    public const int MaxWindowDays = 366;
    public const int MaxReference = 140;
    public const int MaxExternalId = 100;
    public const int MaxMetadataKeys = 20;
    public const int MaxMetadataKey = 40;
    public const int MaxMetadataValue = 500;

    public abstract record Result;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;

    public sealed record Valid(ExpectedPaymentRow Row) : Result;

    public static Result Check(ExpectedPaymentInput input, AccountRow? account, string tenantId, string id, string createdBy, DateTimeOffset now)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(input.AccountId))
        {
            v.Add("accountId", "is required.");
        }
        else if (account is null)
        {
            v.Add("accountId", "is not an account of this tenant.");
        }
        var direction = ExpectedPaymentWire.DirectionFromWire(input.Direction);
        if (direction is null)
        {
            v.Add("direction", "must be 'credit' or 'debit'.");
        }

        string? amount = null, min = null, max = null;
        Money? expected = null, upper = null;
        if ((input.Amount is null) == (input.AmountRange is null))
        {
            v.Add("amount", "give either amount or amountRange.");
        }
        else if (input.Amount is { } a)
        {
            expected = Positive(v, "amount.value", a.Value, a.Currency, "amount.currency");
            amount = expected?.ToAmountString();
        }
        else if (input.AmountRange is { } r)
        {
            var low = Positive(v, "amountRange.min", r.Min, r.Currency, "amountRange.currency");
            upper = Positive(v, "amountRange.max", r.Max, r.Currency, "amountRange.currency");
            if (low is { } l && upper is { } u && l > u)
            {
                v.Add("amountRange.max", "must not be below min.");
            }
            (min, max) = (low?.ToAmountString(), upper?.ToAmountString());
        }
        var currency = expected?.Currency ?? upper?.Currency;
        if (account is not null && currency is not null && !string.Equals(currency.Code, account.Currency, StringComparison.Ordinal))
        {
            v.Add(input.Amount is null ? "amountRange.currency" : "amount.currency", $"must be the account's currency {account.Currency}.");
        }

        var from = Day(v, "window.from", input.Window?.From);
        var to = Day(v, "window.to", input.Window?.To);
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= MaxWindowDays))
        {
            v.Add("window.to", $"must be on or after window.from and at most {MaxWindowDays} days after it.");
        }

        var counterpartyName = v.Text("counterparty.name", input.Counterparty?.Name, 140, required: false);
        var counterpartyAccount = v.Text("counterparty.account", input.Counterparty?.Account, 70, required: false);
        if (counterpartyAccount is not null && RemittanceWords.Key(counterpartyAccount) is null)
        {
            v.Add("counterparty.account", "must contain letters or digits.");
        }
        var reference = v.Text("reference", input.Reference, MaxReference, required: false);
        if (reference is not null && RemittanceWords.Key(reference) is null)
        {
            v.Add("reference", "must contain letters or digits.");
        }
        if (reference is not null && CreditorReference.LooksLikeOne(reference) && CreditorReference.TryNormalize(reference) is null)
        {
            v.Add("reference", "is not a valid ISO 11649 creditor reference (its check digits are wrong).");
        }
        var pattern = v.Text("remittancePattern", input.RemittancePattern, RemittancePattern.MaxLength, required: false);
        if (pattern is not null && pattern.All(c => c is '*' or '?' || char.IsWhiteSpace(c)))
        {
            v.Add("remittancePattern", "must contain text besides '*' and '?'.");
        }
        var externalId = v.Text("externalId", input.ExternalId, MaxExternalId, required: false);
        if (input.Metadata is { } metadata)
        {
            if (metadata.Count > MaxMetadataKeys)
            {
                v.Add("metadata", $"must have at most {MaxMetadataKeys} keys.");
            }
            foreach (var (key, value) in metadata)
            {
                if (string.IsNullOrWhiteSpace(key) || key.Length > MaxMetadataKey || (value?.Length ?? 0) > MaxMetadataValue)
                {
                    v.Add("metadata", $"keys must be 1–{MaxMetadataKey} characters and values at most {MaxMetadataValue}.");
                    break;
                }
            }
        }
        if (!v.IsValid || account is null || direction is null || currency is null || from is null || to is null)
        {
            return new Invalid(v.Errors);
        }
        return new Valid(new ExpectedPaymentRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.ExpectedPaymentRow(id),
            ExpectedPaymentId = id,
            AccountId = account.AccountId,
            Direction = direction.Value.ToWire(),
            Currency = currency.Code,
            Amount = amount,
            MinAmount = min,
            MaxAmount = max,
            RemainingAmount = amount ?? max!,
            WindowFrom = from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WindowTo = to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CounterpartyName = counterpartyName,
            CounterpartyAccount = counterpartyAccount,
            Reference = reference,
            RemittancePattern = pattern,
            ExternalId = externalId,
            Metadata = input.Metadata is { Count: > 0 } m ? JsonSerializer.Serialize(m, ApiJson.Options) : null,
            Status = ExpectedPaymentStatus.Open.ToWire(),
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    private static Money? Positive(Validation v, string field, string? value, string? currency, string currencyField)
    {
        if (Currency.Find(currency) is null)
        {
            v.Add(currencyField, "must be an ISO 4217 currency code.");
            return null;
        }
        if (Money.TryParse(value, currency, out var error) is not { } money)
        {
            v.Add(field, error ?? "is not an amount.");
            return null;
        }
        if (money.Amount <= 0m || money.Amount > 999_999_999_999.99m)
        {
            v.Add(field, "must be greater than 0 and at most 999999999999.99.");
            return null;
        }
        return money;
    }

    private static DateOnly? Day(Validation v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, "is required (yyyy-MM-dd).");
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            v.Add(field, "must be a date yyyy-MM-dd.");
            return null;
        }
        return day;
    }
}
