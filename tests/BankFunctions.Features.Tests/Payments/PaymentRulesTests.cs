using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>
/// Field-level validation of one payment (API.md "Payments"): each bad input gives its field and exact message, for an
/// ISO 20022 debtor (IBAN, SEPA characters) and a CMB-style debtor (account number, CNAPS code, Chinese text).
/// </summary>
public sealed class PaymentRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    /// <summary>Mid-day of <see cref="Today"/> in both banks' time zones (Berlin 11:00, Shanghai 18:00).</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    internal static readonly AccountRow Iso = new() { AccountId = "acc_iso", Bank = "simbank-iso", Currency = "EUR", Iban = "DE89370400440532013000" };
    internal static readonly AccountRow Cmb = new() { AccountId = "acc_cmb", Bank = "simbank-cmb", Currency = "CNY", AccountNumber = "755912345678901" };

    internal static PaymentInput EuroPayment(string? value = "125.00", string? currency = "EUR", string? name = "Muster GmbH", string? iban = "GB82WEST12345698765432",
        string? bic = "NWBKGB2L", string? remittance = "Invoice 42", string? date = null, string? endToEndId = null) =>
        new("acc_iso", new AmountInput(currency, value), new CreditorInput(name, iban, bic, null, null), remittance, date, endToEndId);

    private static PaymentInput YuanPayment(string? accountNumber = "6225880123456789", string? bankCode = "308584000013", string? name = "上海某某有限公司",
        string? iban = null, string? bic = null) =>
        new("acc_cmb", new AmountInput("CNY", "8800.00"), new CreditorInput(name, iban, bic, accountNumber, bankCode), "工资", null, null);

    private static (ValidPayment Valid, IReadOnlyDictionary<string, string[]> Errors) Validate(PaymentInput input, AccountRow? debtor)
    {
        var v = new Validation();
        var valid = PaymentRules.Validate(input, debtor, TestBanks.Of(debtor), Now, v);
        return (valid, v.Errors);
    }

    [Fact]
    public void A_valid_euro_payment_keeps_its_values()
    {
        var (valid, errors) = Validate(EuroPayment(date: "2026-12-07", endToEndId: "E2E-42"), Iso);
        Assert.Empty(errors);
        Assert.Equal(125.00m, valid.Amount);
        Assert.Equal("EUR", valid.Currency.Code);
        Assert.Equal("GB82WEST12345698765432", valid.Iban);
        Assert.Equal("NWBKGB2L", valid.Bic);
        Assert.Equal(new DateOnly(2026, 12, 7), valid.ExecutionDate);
        Assert.Equal("E2E-42", valid.EndToEndId);
        Assert.Empty(valid.Warnings);
    }

    [Fact]
    public void Without_a_date_the_payment_executes_today()
    {
        Assert.Equal(Today, Validate(EuroPayment(), Iso).Valid.ExecutionDate);
    }

    [Fact]
    public void A_valid_yuan_payment_to_an_account_number_keeps_its_chinese_text()
    {
        var (valid, errors) = Validate(YuanPayment(), Cmb);
        Assert.Empty(errors);
        Assert.Equal("6225880123456789", valid.AccountNumber);
        Assert.Equal("308584000013", valid.BankCode);
        Assert.Equal("上海某某有限公司", valid.CreditorName);
    }

    public static TheoryData<string, PaymentInput, string, string> EuroErrors => new()
    {
        { "amount missing", EuroPayment() with { Amount = null }, "amount", "is required: {\"currency\", \"value\"}." },
        { "unknown currency", EuroPayment(currency: "EUX"), "amount.currency", "must be an ISO 4217 currency code." },
        { "other currency than the account", EuroPayment(currency: "USD"), "amount.currency", "must be EUR, the debtor account's currency." },
        { "no decimals", EuroPayment(value: "125"), "amount.value", "must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"." },
        { "three decimals", EuroPayment(value: "125.000"), "amount.value", "must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"." },
        { "zero", EuroPayment(value: "0.00"), "amount.value", "must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"." },
        { "negative", EuroPayment(value: "-1.00"), "amount.value", "must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"." },
        { "value missing", EuroPayment(value: null), "amount.value", "must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"." },
        { "just above the maximum", EuroPayment(value: "1000000000000.00"), "amount.value", "must not exceed 999999999999.99." },
        { "creditor missing", EuroPayment() with { Creditor = null }, "creditor", "is required (or counterpartyId + counterpartyAccountId)." },
        { "name missing", EuroPayment(name: " "), "creditor.name", "is required." },
        { "name too long", EuroPayment(name: new string('a', 71)), "creditor.name", "must be at most 70 characters (ISO 20022 Max70Text)." },
        { "name outside SEPA", EuroPayment(name: "Muster & Co"), "creditor.name",
            "contains '&', outside the SEPA Latin character set (a-z A-Z 0-9 / - ? : ( ) . , ' + space) with no EPC conversion; Latin letters with accents are converted." },
        { "IBAN missing", EuroPayment(iban: null), "creditor.iban", "is required for this bank." },
        { "IBAN check digits", EuroPayment(iban: "GB82WEST12345698765433"), "creditor.iban", "check digits do not match (ISO 7064 mod 97)." },
        { "IBAN length", EuroPayment(iban: "GB82WEST1234569876543"), "creditor.iban", "must be 22 characters for GB (got 21)." },
        { "BIC length", EuroPayment(bic: "NWBKGB2"), "creditor.bic", "must be 8 or 11 characters (ISO 9362)." },
        { "account number to an IBAN bank", EuroPayment() with { Creditor = new CreditorInput("Muster GmbH", "GB82WEST12345698765432", null, "12345678", null) },
            "creditor.accountNumber", "this bank pays to IBANs; use creditor.iban." },
        { "bank code to an IBAN bank", EuroPayment() with { Creditor = new CreditorInput("Muster GmbH", "GB82WEST12345698765432", null, null, "308584000013") },
            "creditor.bankCode", "this bank pays to IBANs; use creditor.bic." },
        { "remittance too long", EuroPayment(remittance: new string('r', 141)), "remittanceInformation", "must be at most 140 characters (ISO 20022 Max140Text)." },
        { "date format", EuroPayment(date: "04.12.2026"), "requestedExecutionDate", "must be a date as yyyy-MM-dd." },
        { "date yesterday", EuroPayment(date: "2026-12-03"), "requestedExecutionDate", "must not be in the past (today is 2026-12-04 in the bank's time zone)." },
        { "date beyond a year", EuroPayment(date: "2027-12-05"), "requestedExecutionDate", "must be within a year." },
        { "end-to-end id too long", EuroPayment(endToEndId: new string('E', 36)), "endToEndId", "must be 1–35 characters of the ISO 20022 Latin set, not starting with '/' nor containing '//'." },
        { "end-to-end id starting with /", EuroPayment(endToEndId: "/E2E"), "endToEndId", "must be 1–35 characters of the ISO 20022 Latin set, not starting with '/' nor containing '//'." },
        { "end-to-end id with //", EuroPayment(endToEndId: "E2E//1"), "endToEndId", "must be 1–35 characters of the ISO 20022 Latin set, not starting with '/' nor containing '//'." },
    };

    [Theory]
    [MemberData(nameof(EuroErrors))]
    public void Each_bad_euro_field_is_named_with_its_message(string why, PaymentInput input, string field, string message)
    {
        var (_, errors) = Validate(input, Iso);
        Assert.True(errors.ContainsKey(field), $"{why}: expected an error on {field}, got {string.Join("; ", errors.Keys)}");
        Assert.Contains(message, errors[field]);
    }

    [Theory]
    [InlineData("9999.99")]
    [InlineData("999999999999.99")] // exactly the maximum
    [InlineData("0.01")]
    public void Boundary_amounts_are_accepted(string value)
    {
        Assert.Empty(Validate(EuroPayment(value: value), Iso).Errors);
    }

    [Fact]
    public void The_last_day_within_a_year_is_accepted()
    {
        Assert.Empty(Validate(EuroPayment(date: "2027-12-04"), Iso).Errors);
    }

    [Fact]
    public void Accented_latin_letters_are_converted_with_a_warning()
    {
        var (valid, errors) = Validate(EuroPayment(name: "Müller GmbH"), Iso);
        Assert.Empty(errors);
        Assert.Equal("Muller GmbH", valid.CreditorName);
        Assert.Equal(["creditor.name: \"Müller GmbH\" is sent as \"Muller GmbH\" (SEPA character set, EPC217-08 conversion)."], valid.Warnings);
    }

    public static TheoryData<string, PaymentInput, string, string> YuanErrors => new()
    {
        { "account number missing", YuanPayment(accountNumber: null), "creditor.accountNumber", "is required for this bank." },
        { "account number letters", YuanPayment(accountNumber: "62258801234x"), "creditor.accountNumber", "must be 8–30 digits (a domestic account number)." },
        { "account number too short", YuanPayment(accountNumber: "1234567"), "creditor.accountNumber", "must be 8–30 digits (a domestic account number)." },
        { "bank code missing", YuanPayment(bankCode: null), "creditor.bankCode", "is required: the 12-digit CNAPS code of the creditor's bank." },
        { "bank code short", YuanPayment(bankCode: "30858400001"), "creditor.bankCode", "must be a 12-digit CNAPS bank code." },
        { "IBAN to an account-number bank", YuanPayment(iban: "GB82WEST12345698765432"), "creditor.iban", "this bank pays to account numbers; use creditor.accountNumber." },
        { "BIC to a CNAPS bank", YuanPayment(bic: "NWBKGB2L"), "creditor.bic", "this bank uses CNAPS codes; use creditor.bankCode." },
        { "character the bank refuses", YuanPayment(name: "公司<1>"), "creditor.name", "contains '<', which this bank does not accept." },
    };

    [Theory]
    [MemberData(nameof(YuanErrors))]
    public void Each_bad_yuan_field_is_named_with_its_message(string why, PaymentInput input, string field, string message)
    {
        var (_, errors) = Validate(input, Cmb);
        Assert.True(errors.ContainsKey(field), $"{why}: expected an error on {field}, got {string.Join("; ", errors.Keys)}");
        Assert.Contains(message, errors[field]);
    }

    [Fact]
    public void An_unknown_debtor_is_named_and_its_fields_are_checked_as_iso()
    {
        var (_, errors) = Validate(EuroPayment(iban: null), null);
        Assert.Equal(["must name one of your accounts."], errors["debtorAccountId"]);
        Assert.Equal(["is required for this bank."], errors["creditor.iban"]);
    }

    [Fact]
    public void A_prefix_names_fields_of_a_batch_item()
    {
        var v = new Validation();
        PaymentRules.Validate(EuroPayment(value: "1"), Iso, TestBanks.Of(Iso), Now, v, "items[3].");
        Assert.Equal(["items[3].amount.value"], v.Errors.Keys);
    }
}
