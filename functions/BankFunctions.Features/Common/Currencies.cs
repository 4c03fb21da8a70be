namespace BankFunctions.Features;

public sealed record Currency(string Code, int MinorUnits);

/// <summary>Bridge to the ISO 4217 table in Domain (minor units per currency).</summary>
public static class Currencies
{
    private static readonly Dictionary<string, Currency> Known = new(StringComparer.Ordinal)
    {
        ["CNY"] = new("CNY", 2), ["EUR"] = new("EUR", 2), ["USD"] = new("USD", 2), ["GBP"] = new("GBP", 2),
        ["JPY"] = new("JPY", 0), ["KWD"] = new("KWD", 3), ["CHF"] = new("CHF", 2), ["HKD"] = new("HKD", 2),
    };

    public static Currency? Find(string? code) => code is not null && Known.TryGetValue(code, out var c) ? c : null;
}
