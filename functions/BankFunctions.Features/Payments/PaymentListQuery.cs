using System.Globalization;
using System.Text.RegularExpressions;
using BankFunctions.Domain.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// The filters of GET /v1/payments, validated (every bad parameter is a field error), and the one rule
/// (<see cref="Matches"/>) that decides whether a payment is listed. <see cref="EntryFilter"/> and
/// <see cref="ItemFilter"/> only let the server skip rows that cannot match; <see cref="Matches"/> has the last word.
/// </summary>
public sealed partial record PaymentListQuery(
    PaymentStatus? Status = null,
    string? BatchId = null,
    string? DebtorAccountId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null,
    string? Currency = null,
    string? CreditorName = null,
    string? CreditorAccount = null,
    string? EndToEndId = null,
    int Limit = 50)
{
    public const int MaxLimit = 500;

    public static readonly IReadOnlyList<string> Parameters =
        ["status", "batchId", "debtorAccountId", "from", "to", "minAmount", "maxAmount", "currency", "creditorName", "creditorAccount", "endToEndId", "cursor", "limit"];

    public static (PaymentListQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Text(string name) => query[name].ToString() is { Length: > 0 } text ? text : null;
        void Error(string name, string message) => errors[name] = [message];

        var status = PaymentStatusNames.TryParse(Text("status"));
        if (status is null && Text("status") is not null)
        {
            Error("status", $"must be one of {string.Join(", ", PaymentStatusNames.All.Order(StringComparer.Ordinal))}.");
        }
        var batchId = Text("batchId");
        if (batchId is not null && !IdPattern().IsMatch(batchId))
        {
            Error("batchId", "is not a batch id.");
        }
        var account = Text("debtorAccountId");
        if (account is not null && !IdPattern().IsMatch(account))
        {
            Error("debtorAccountId", "is not an account id.");
        }
        var from = Day(Text("from"), "from", errors);
        var to = Day(Text("to"), "to", errors);
        if (from > to)
        {
            Error("from", "must not be after 'to'.");
        }
        var min = Amount(Text("minAmount"), "minAmount", errors);
        var max = Amount(Text("maxAmount"), "maxAmount", errors);
        if (min > max)
        {
            Error("minAmount", "must not be more than 'maxAmount'.");
        }
        var currency = Text("currency");
        if (currency is not null && Domain.Currency.Find(currency) is null)
        {
            Error("currency", "must be an ISO 4217 currency code this gateway supports, in capitals (EUR, CNY, …).");
        }
        var name = Text("creditorName");
        if (name is { Length: > 140 })
        {
            Error("creditorName", "must be at most 140 characters.");
        }
        var creditorAccount = Text("creditorAccount")?.Replace(" ", "", StringComparison.Ordinal);
        if (creditorAccount is not null && (creditorAccount.Length is 0 or > 34 || !creditorAccount.All(char.IsAsciiLetterOrDigit)))
        {
            Error("creditorAccount", "must be an IBAN or account number: 1–34 letters and digits.");
        }
        var endToEndId = Text("endToEndId");
        if (endToEndId is { Length: > 35 })
        {
            Error("endToEndId", "must be at most 35 characters.");
        }
        var limit = 50;
        if (Text("limit") is { } limitText && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            Error("limit", $"must be a whole number from 1 to {MaxLimit}.");
        }
        return errors.Count > 0
            ? (null, errors)
            : (new PaymentListQuery(status, batchId, account, from, to, min, max, currency, name, creditorAccount?.ToUpperInvariant(), endToEndId, limit), errors);
    }

    /// <summary>Whether <paramref name="p"/> belongs in the list.</summary>
    public bool Matches(PaymentRow p)
    {
        var day = DateOnly.FromDateTime(p.CreatedAt.UtcDateTime);
        var amount = ListEntries.Milli(Domain.Money.Parse(p.Amount, p.Currency));
        return (Status is not { } status || p.Status == status.ToWire())
            && (BatchId is null || p.BatchId == BatchId)
            && (DebtorAccountId is null || p.DebtorAccountId == DebtorAccountId)
            && (From is null || day >= From) && (To is null || day <= To)
            && (MinAmount is null || amount >= Milli(MinAmount.Value)) && (MaxAmount is null || amount <= Milli(MaxAmount.Value))
            && (Currency is null || p.Currency == Currency)
            && (CreditorName is null || p.CreditorName.Contains(CreditorName, StringComparison.OrdinalIgnoreCase))
            && (CreditorAccount is null || string.Equals(ListEntries.CreditorAccount(p), CreditorAccount, StringComparison.OrdinalIgnoreCase))
            && (EndToEndId is null || p.EndToEndId == EndToEndId);
    }

    /// <summary>What binds a cursor to these filters (the limit may change between pages).</summary>
    public string Scope(string tenantId) => string.Join('\u001f', tenantId, "payments", Status?.ToWire(), BatchId, DebtorAccountId, From, To,
        MinAmount?.ToString(CultureInfo.InvariantCulture), MaxAmount?.ToString(CultureInfo.InvariantCulture), Currency, CreditorName, CreditorAccount, EndToEndId);

    /// <summary>
    /// OData for the index rows between the date bounds: a batch entry stays when its account and currency fit (its
    /// items are checked one by one); a single payment's entry also has to fit the amount, creditor account and EndToEndId.
    /// </summary>
    public string EntryFilter(string partitionKey, string? after)
    {
        var lower = To is { } to ? TableKeys.PaymentListPrefix + TableKeys.NewestFirst(StartOf(to.AddDays(1)).AddTicks(-1)) : TableKeys.PaymentListPrefix;
        var upper = From is { } from ? TableKeys.PaymentListPrefix + TableKeys.NewestFirst(StartOf(from)) + "}" : TableKeys.PaymentListPrefix[..^1] + "}";
        var filter = $"PartitionKey eq '{TableKeys.Escape(partitionKey)}' and RowKey ge '{TableKeys.Escape(lower)}' and RowKey lt '{TableKeys.Escape(upper)}'";
        if (after is not null)
        {
            filter += $" and RowKey gt '{TableKeys.Escape(after)}'";
        }
        filter += Equal("DebtorAccountId", DebtorAccountId) + Equal("Currency", Currency);
        var single = "";
        if (MinAmount is { } min)
        {
            single += $" and AmountMilli ge {Milli(min).ToString(CultureInfo.InvariantCulture)}L";
        }
        if (MaxAmount is { } max)
        {
            single += $" and AmountMilli le {Milli(max).ToString(CultureInfo.InvariantCulture)}L";
        }
        single += Equal("EndToEndId", EndToEndId);
        if (single.Length > 0)
        {
            filter += $" and (Entry eq '{ListEntryRow.BatchEntry}' or (Entry eq '{ListEntryRow.PaymentEntry}'{single}))";
        }
        return filter;
    }

    /// <summary>OData the server can apply to a batch's item rows (exact fields); the rest is <see cref="Matches"/>.</summary>
    public string ItemFilter() => Equal("Status", Status?.ToWire()) + Equal("EndToEndId", EndToEndId);

    private static string Equal(string property, string? value) => value is null ? "" : $" and {property} eq '{TableKeys.Escape(value)}'";

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static long Milli(decimal value) => decimal.ToInt64(value * 1000m);

    private static DateOnly? Day(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1900)
        {
            return day;
        }
        errors[name] = ["must be a date, yyyy-MM-dd (UTC, inclusive)."];
        return null;
    }

    private static decimal? Amount(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (AmountPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[name] = ["must be a decimal string such as \"1250.00\": up to 15 digits, at most 3 decimals."];
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[0-9]{1,15}(\.[0-9]{1,3})?$")]
    private static partial Regex AmountPattern();
}
