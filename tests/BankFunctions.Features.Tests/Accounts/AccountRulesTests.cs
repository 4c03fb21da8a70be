using BankFunctions.Features.Accounts;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Accounts;

/// <summary>POST /v1/accounts validation: each bad field with its exact message; what a valid request registers.</summary>
public sealed class AccountRulesTests
{
    private static readonly BankConnectionRow IsoConnection = new() { ConnectionId = "con_iso", Bank = "simbank-iso" };
    private static readonly BankConnectionRow CmbConnection = new() { ConnectionId = "con_cmb", Bank = "simbank-cmb" };

    private static CreateAccount.Request Request(string? iban = "DE89 3704 0044 0532 0130 00", string? number = null, string? currency = "EUR",
        string? name = "Operating account", string? bic = null, string? bankCode = null) =>
        new("con_iso", number, iban, currency, name, bankCode, bic);

    private static (ValidAccount Valid, IReadOnlyDictionary<string, string[]> Errors) Check(CreateAccount.Request request, BankConnectionRow? connection)
    {
        var v = new Validation();
        var valid = AccountRules.Check(request, connection, TestBanks.Of(connection), v);
        return (valid, v.Errors);
    }

    [Fact]
    public void A_valid_iban_account_is_normalised()
    {
        var (valid, errors) = Check(Request(bic: "cobadeffxxx"), IsoConnection);
        Assert.Empty(errors);
        Assert.Equal("DE89370400440532013000", valid.Iban);
        Assert.Null(valid.AccountNumber);
        Assert.Equal("COBADEFFXXX", valid.Bic);
        Assert.Equal("Operating account", valid.Name);
    }

    [Fact]
    public void A_valid_account_number_for_the_cmb_style_bank()
    {
        var (valid, errors) = Check(Request(iban: null, number: " 755912345678901 ", currency: "CNY", bankCode: "308584000013"), CmbConnection);
        Assert.Empty(errors);
        Assert.Equal("755912345678901", valid.AccountNumber);
        Assert.Equal("308584000013", valid.BankCode);
    }

    public static TheoryData<string, CreateAccount.Request, BankConnectionRow?, string, string> Errors => new()
    {
        { "unknown connection", Request(), null, "bankConnectionId", "must name one of your bank connections." },
        { "name missing", Request(name: null), IsoConnection, "name", "is required." },
        { "name too long", Request(name: new string('n', 71)), IsoConnection, "name", "must be at most 70 characters." },
        { "name with a control character", Request(name: "Ops\u0007"), IsoConnection, "name", "must not contain control characters." },
        { "currency missing", Request(currency: null), IsoConnection, "currency", "must be an ISO 4217 currency code such as EUR or CNY." },
        { "currency unknown", Request(currency: "EURO"), IsoConnection, "currency", "must be an ISO 4217 currency code such as EUR or CNY." },
        { "neither identifier", Request(iban: null), IsoConnection, "accountNumber", "give exactly one of accountNumber or iban." },
        { "both identifiers", Request(number: "12345678"), IsoConnection, "accountNumber", "give exactly one of accountNumber or iban." },
        { "IBAN check digits", Request(iban: "DE88370400440532013000"), IsoConnection, "iban", "check digits do not match (ISO 7064 mod 97)." },
        { "IBAN country", Request(iban: "ZZ89370400440532013000"), IsoConnection, "iban", "'ZZ' is not an IBAN country." },
        { "account number letters", Request(iban: null, number: "7559ABC45678"), CmbConnection, "accountNumber", "must be 8–30 digits (a domestic account number)." },
        { "BIC test location", Request(bic: "COBADEF0"), IsoConnection, "bic", "is a test BIC (location code ends in 0) that banks do not route." },
        { "bank code", Request(bankCode: "12345"), IsoConnection, "bankCode", "must be a 12-digit CNAPS bank code." },
        { "IBAN at an account-number bank", Request(currency: "CNY"), CmbConnection, "iban", "simbank-cmb identifies accounts by account number, not IBAN." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_bad_field_is_named_with_its_message(string why, CreateAccount.Request request, BankConnectionRow? connection, string field, string message)
    {
        var (_, errors) = Check(request, connection);
        Assert.True(errors.ContainsKey(field), $"{why}: expected an error on {field}, got {string.Join("; ", errors.Keys)}");
        Assert.Contains(message, errors[field]);
    }

    [Fact]
    public void Validate_refuses_what_Check_reports()
    {
        Assert.Throws<Http.ProblemException>(() => AccountRules.Validate(Request(currency: null), IsoConnection, TestBanks.Of(IsoConnection)));
        Assert.Equal("DE89370400440532013000", AccountRules.Validate(Request(), IsoConnection, TestBanks.Of(IsoConnection)).Iban);
    }
}
