using System.Globalization;

namespace BankFunctions.Domain;

/// <summary>Arithmetic or comparison of two amounts in different currencies: never meaningful, always a bug.</summary>
public sealed class CurrencyMismatchException(Currency left, Currency right)
    : InvalidOperationException($"Cannot combine {left.Code} with {right.Code}: amounts in different currencies do not add or compare.")
{
    public Currency Left { get; } = left;
    public Currency Right { get; } = right;
}

/// <summary>
/// An amount with its ISO 4217 currency. The amount never has more decimals than the currency's minor units (a JPY
/// amount has none, a KWD amount up to three); arithmetic and ordering refuse mixed currencies
/// (<see cref="CurrencyMismatchException"/>). Amounts may be negative (a debit on a statement); payments check sign themselves.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>An amount that fits its currency; throws when it has more decimals than the currency's minor units.</summary>
    public static Money Of(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return TooPrecise(amount, currency)
            ? throw new ArgumentException($"{currency.Code} has {currency.MinorUnits} minor unit(s); {amount.ToString(CultureInfo.InvariantCulture)} has more.", nameof(amount))
            : new Money(amount, currency);
    }

    public static Money Of(decimal amount, string currencyCode) =>
        Of(amount, Currency.Find(currencyCode) ?? throw new ArgumentException($"'{currencyCode}' is not an ISO 4217 currency code.", nameof(currencyCode)));

    /// <summary>
    /// Reads an amount as stored and sent in the contract (invariant digits, '.' decimals, optional leading '-'); null
    /// with <paramref name="error"/> saying what is wrong.
    /// </summary>
    public static Money? TryParse(string? amount, string? currencyCode, out string? error)
    {
        if (Currency.Find(currencyCode) is not { } currency)
        {
            error = $"'{currencyCode}' is not an ISO 4217 currency code.";
            return null;
        }
        if (string.IsNullOrEmpty(amount) || !decimal.TryParse(amount, Style, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{amount}' is not a decimal amount.";
            return null;
        }
        if (TooPrecise(value, currency))
        {
            error = $"{currency.Code} has {currency.MinorUnits} minor unit(s); '{amount}' has more.";
            return null;
        }
        error = null;
        return new Money(value, currency);
    }

    /// <summary>Reads a stored amount that was validated when written; throws <see cref="FormatException"/> otherwise.</summary>
    public static Money Parse(string amount, string currencyCode) =>
        TryParse(amount, currencyCode, out var error) ?? throw new FormatException(error);

    public bool IsZero => Amount == 0m;

    public bool IsNegative => Amount < 0m;

    public Money Abs() => new(Math.Abs(Amount), Currency);

    public Money Negate() => new(-Amount, Currency);

    /// <summary>The amount with exactly the currency's minor units ("12.50" EUR, "1200" JPY), as the contract shows it.</summary>
    public string ToAmountString() =>
        decimal.Round(Amount, Currency.MinorUnits).ToString("F" + Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public override string ToString() => ToAmountString() + " " + Currency.Code;

    public int CompareTo(Money other)
    {
        Same(other);
        return Amount.CompareTo(other.Amount);
    }

    public static Money operator +(Money left, Money right) => new(left.Same(right).Amount + right.Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Same(right).Amount - right.Amount, left.Currency);

    public static Money operator -(Money value) => value.Negate();

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Equal currency and equal value ("1.5" equals "1.50"); never equal across currencies.</summary>
    public bool Equals(Money other) => Currency == other.Currency && Amount == other.Amount;

    // decimal hashes by value: 1.5m and 1.50m agree, as Equals does.
    public override int GetHashCode() => HashCode.Combine(Currency?.Code, Amount);

    private Money Same(Money other) =>
        Currency == other.Currency ? this : throw new CurrencyMismatchException(Currency, other.Currency);

    private static bool TooPrecise(decimal amount, Currency currency) => decimal.Round(amount, currency.MinorUnits) != amount;
}
