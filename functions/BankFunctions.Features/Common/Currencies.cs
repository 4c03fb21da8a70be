namespace BankFunctions.Features;

/// <summary>The ISO 4217 table lives in Domain; this keeps call sites short.</summary>
public static class Currencies
{
    public static Domain.Currency? Find(string? code) => Domain.Currency.Find(code);
}
