using BankFunctions.Features.Profiles;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Accounts;

public sealed record ValidAccount(string? AccountNumber, string? Iban, string Currency, string Name, string? BankCode, string? Bic);

/// <summary>What makes an account registrable: a connection of this tenant, one identifier the bank understands, a known currency.</summary>
public static class AccountRules
{
    public static ValidAccount Validate(CreateAccount.Request request, BankConnectionRow? connection, BankProfile? bank = null)
    {
        var v = new Validation();
        var valid = Check(request, connection, bank, v);
        v.ThrowIfInvalid();
        return valid;
    }

    /// <summary>The account as it will be registered, with each problem in <paramref name="v"/> (field-level messages). Pure.</summary>
    public static ValidAccount Check(CreateAccount.Request request, BankConnectionRow? connection, BankProfile? bank, Validation v)
    {
        if (connection is null)
        {
            v.Add("bankConnectionId", "must name one of your bank connections.");
        }
        var name = v.Text("name", request.Name, 70);
        var currency = request.Currency;
        if (currency is null || !AccountFieldRules.IsCurrency(currency))
        {
            v.Add("currency", "must be an ISO 4217 currency code such as EUR or CNY.");
        }
        string? iban = null, number = null;
        if ((request.Iban is null) == (request.AccountNumber is null))
        {
            v.Add("accountNumber", "give exactly one of accountNumber or iban.");
        }
        else if (request.Iban is not null)
        {
            iban = AccountFieldRules.NormaliseIban(request.Iban);
            if (AccountFieldRules.IbanError(iban) is { } error)
            {
                v.Add("iban", error);
            }
        }
        else
        {
            number = request.AccountNumber!.Trim();
            if (AccountFieldRules.AccountNumberError(number) is { } error)
            {
                v.Add("accountNumber", error);
            }
        }
        if (request.Bic is not null && AccountFieldRules.BicError(request.Bic) is { } bicError)
        {
            v.Add("bic", bicError);
        }
        if (request.BankCode is not null && AccountFieldRules.BankCodeError(request.BankCode) is { } codeError)
        {
            v.Add("bankCode", codeError);
        }
        if (connection is not null && bank?.Accounts == AccountScheme.DomesticCnaps && iban is not null)
        {
            v.Add("iban", $"{connection.Bank} identifies accounts by account number, not IBAN.");
        }
        if (connection is not null && bank is not null && currency is not null && AccountFieldRules.IsCurrency(currency) && !bank.Supports(currency))
        {
            v.Add("currency", $"{connection.Bank} keeps accounts in {string.Join(", ", bank.Currencies.Order(StringComparer.Ordinal))} only.");
        }
        return new ValidAccount(number, iban, currency!, name!, request.BankCode, request.Bic?.ToUpperInvariant());
    }
}
