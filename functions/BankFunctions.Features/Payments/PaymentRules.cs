using BankFunctions.Domain;
using System.Globalization;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Profiles;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>A payment that passed every check a bank would otherwise make days later.</summary>
public sealed record ValidPayment(
    AccountRow Debtor, Currency Currency, decimal Amount, string CreditorName, string? Iban, string? Bic,
    string? AccountNumber, string? BankCode, string? Remittance, DateOnly ExecutionDate, string? EndToEndId)
{
    /// <summary>What was changed to fit the bank (SEPA transliteration), for the response's <c>warnings</c>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The day the bank will execute it: <see cref="ExecutionDate"/> (the requested day) moved past the bank's
    /// weekend, holidays and cut-off (<see cref="Domain.Calendar.BusinessCalendar.ExecutionDate"/>); null: as requested.
    /// </summary>
    public DateOnly? EffectiveExecutionDate { get; init; }

    /// <summary>The debtor's bank profile it was checked against (null: none configured; ISO 20022 rules applied).</summary>
    public BankProfile? Bank { get; init; }
}

/// <summary>Field-level validation of a payment against its debtor account and bank. Pure.</summary>
public static class PaymentRules
{
    public const decimal MaxAmount = 999_999_999_999.99m;
    /// <summary>ISO 20022 Max70Text / Max140Text / Max35Text (pain.001 Nm, Ustrd, EndToEndId).</summary>
    public const int CreditorNameMax = 70, RemittanceMax = 140, EndToEndIdMax = 35;

    /// <summary>
    /// The payment against its debtor's bank profile (character set, account numbers, calendar) at <paramref name="now"/>:
    /// "today" is the bank's, and the effective execution date is the bank's next business day where needed.
    /// </summary>
    public static ValidPayment Validate(PaymentInput input, AccountRow? debtor, BankProfile? bank, DateTimeOffset now, Validation v, string prefix = "")
    {
        var today = bank?.Calendar.Today(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
        var valid = Validate(input, debtor, today, v, prefix, bank?.Charset ?? PartyCharset.SepaLatin, bank?.Accounts ?? AccountScheme.Iban);
        return bank is null ? valid : valid with { EffectiveExecutionDate = bank.Calendar.ExecutionDate(valid.ExecutionDate, now), Bank = bank };
    }

    /// <summary>The payment under the rules of an ISO 20022 (SEPA) bank unless told otherwise; no calendar.</summary>
    public static ValidPayment Validate(PaymentInput input, AccountRow? debtor, DateOnly today, Validation v, string prefix = "",
        PartyCharset charset = PartyCharset.SepaLatin, AccountScheme accounts = AccountScheme.Iban)
    {
        if (debtor is null)
        {
            v.Add(prefix + "debtorAccountId", "must name one of your accounts.");
        }
        var warnings = new List<string>();

        Currency? currency = null;
        decimal amount = 0;
        if (input.Amount is null)
        {
            v.Add(prefix + "amount", "is required: {\"currency\", \"value\"}.");
        }
        else
        {
            currency = Currencies.Find(input.Amount.Currency);
            if (currency is null)
            {
                v.Add(prefix + "amount.currency", "must be an ISO 4217 currency code.");
            }
            else if (debtor is not null && currency.Code != debtor.Currency)
            {
                v.Add(prefix + "amount.currency", $"must be {debtor.Currency}, the debtor account's currency.");
            }
            if (currency is not null)
            {
                var parsed = input.Amount.Value is null ? null : MoneyText.Parse(input.Amount.Value, currency, allowZero: false);
                if (parsed is null)
                {
                    v.Add(prefix + "amount.value", $"must be a decimal string > 0 with exactly {currency.MinorUnits} decimals for {currency.Code}, e.g. \"{MoneyText.Format(1250m, currency)}\".");
                }
                else if (parsed > MaxAmount)
                {
                    v.Add(prefix + "amount.value", "must not exceed 999999999999.99.");
                }
                else
                {
                    amount = parsed.Value;
                }
            }
        }

        var creditor = input.Creditor;
        string? name = null, iban = null, bic = null, number = null, bankCode = null;
        if (creditor is null)
        {
            // Given as a counterparty reference that could not be used: CounterpartyPayee names the fields at fault.
            if (input.CounterpartyId is null && input.CounterpartyAccountId is null)
            {
                v.Add(prefix + "creditor", "is required (or counterpartyId + counterpartyAccountId).");
            }
        }
        else
        {
            name = PartyText.Check(v, prefix + "creditor.name", Sepa(creditor.Name, prefix + "creditor.name"), CreditorNameMax, charset, required: true);
            if (accounts == AccountScheme.Iban)
            {
                if (creditor.Iban is null)
                {
                    v.Add(prefix + "creditor.iban", "is required for this bank.");
                }
                else
                {
                    iban = AccountFieldRules.NormaliseIban(creditor.Iban);
                    if (AccountFieldRules.IbanError(iban) is { } e) v.Add(prefix + "creditor.iban", e);
                }
                if (creditor.Bic is not null)
                {
                    bic = creditor.Bic.ToUpperInvariant();
                    if (AccountFieldRules.BicError(bic) is { } e) v.Add(prefix + "creditor.bic", e);
                }
                if (creditor.AccountNumber is not null) v.Add(prefix + "creditor.accountNumber", "this bank pays to IBANs; use creditor.iban.");
                if (creditor.BankCode is not null) v.Add(prefix + "creditor.bankCode", "this bank pays to IBANs; use creditor.bic.");
            }
            else
            {
                if (creditor.AccountNumber is null)
                {
                    v.Add(prefix + "creditor.accountNumber", "is required for this bank.");
                }
                else if (AccountFieldRules.AccountNumberError(creditor.AccountNumber) is { } e)
                {
                    v.Add(prefix + "creditor.accountNumber", e);
                }
                else
                {
                    number = creditor.AccountNumber;
                }
                if (creditor.BankCode is null)
                {
                    v.Add(prefix + "creditor.bankCode", "is required: the 12-digit CNAPS code of the creditor's bank.");
                }
                else if (AccountFieldRules.BankCodeError(creditor.BankCode) is { } e)
                {
                    v.Add(prefix + "creditor.bankCode", e);
                }
                else
                {
                    bankCode = creditor.BankCode;
                }
                if (creditor.Iban is not null) v.Add(prefix + "creditor.iban", "this bank pays to account numbers; use creditor.accountNumber.");
                if (creditor.Bic is not null) v.Add(prefix + "creditor.bic", "this bank uses CNAPS codes; use creditor.bankCode.");
            }
        }

        var remittance = PartyText.Check(v, prefix + "remittanceInformation", Sepa(input.RemittanceInformation, prefix + "remittanceInformation"), RemittanceMax, charset, required: false);

        var date = today;
        if (input.RequestedExecutionDate is not null)
        {
            if (!DateOnly.TryParseExact(input.RequestedExecutionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                v.Add(prefix + "requestedExecutionDate", "must be a date as yyyy-MM-dd.");
            }
            else if (date < today)
            {
                v.Add(prefix + "requestedExecutionDate", $"must not be in the past (today is {today:yyyy-MM-dd} in the bank's time zone).");
            }
            else if (date > today.AddDays(365))
            {
                v.Add(prefix + "requestedExecutionDate", "must be within a year.");
            }
        }

        var e2e = input.EndToEndId;
        if (e2e is not null && (e2e.Length is 0 or > EndToEndIdMax || !e2e.All(PartyText.IsSepaCharacter) || e2e.StartsWith('/') || e2e.Contains("//", StringComparison.Ordinal)))
        {
            v.Add(prefix + "endToEndId", "must be 1–35 characters of the ISO 20022 Latin set, not starting with '/' nor containing '//'.");
        }

        return new ValidPayment(debtor!, currency!, amount, name!, iban, bic, number, bankCode, remittance, date, e2e) { Warnings = warnings };

        // A bank that takes the SEPA basic set only: convert what EPC217-08 converts, and say so.
        string? Sepa(string? text, string field)
        {
            if (charset != PartyCharset.SepaLatin || text is null)
            {
                return text;
            }
            var converted = SepaText.Transliterate(text);
            if (converted != text && converted.All(PartyText.IsSepaCharacter))
            {
                warnings.Add($"{field}: \"{text}\" is sent as \"{converted}\" (SEPA character set, EPC217-08 conversion).");
                return converted;
            }
            return text;
        }
    }
}

/// <summary>Names and remittance text: ISO 20022 lengths and the character set the target bank accepts.</summary>
public static class PartyText
{
    /// <summary>The EPC SEPA basic Latin set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space.</summary>
    public static bool IsSepaCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "/-?:().,'+ ".Contains(c, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="c"/> may be sent to a bank with the given character set.</summary>
    public static bool IsAllowed(char c, PartyCharset charset) => charset switch
    {
        PartyCharset.Cjk => IsCjkAllowed(c),
        PartyCharset.LatinExtended => IsSepaCharacter(c) || SepaText.IsConvertibleLetter(c),
        _ => IsSepaCharacter(c),
    };

    private static bool IsCjkAllowed(char c) => IsSepaCharacter(c) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || "&_#@*".Contains(c, StringComparison.Ordinal);

    public static string? Check(Validation v, string field, string? value, int max, bool allowCjk, bool required) =>
        Check(v, field, value, max, allowCjk ? PartyCharset.Cjk : PartyCharset.SepaLatin, required);

    public static string? Check(Validation v, string field, string? value, int max, PartyCharset charset, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) v.Add(field, "is required.");
            return null;
        }
        if (value.Length > max)
        {
            v.Add(field, $"must be at most {max} characters (ISO 20022 Max{max}Text).");
        }
        var bad = value.FirstOrDefault(c => !IsAllowed(c, charset));
        if (bad != default)
        {
            v.Add(field, charset switch
            {
                PartyCharset.Cjk => $"contains '{bad}', which this bank does not accept.",
                PartyCharset.LatinExtended => $"contains '{bad}', outside the Latin character set this bank accepts (a-z A-Z 0-9 / - ? : ( ) . , ' + space and Latin letters with accents).",
                _ => $"contains '{bad}', outside the SEPA Latin character set (a-z A-Z 0-9 / - ? : ( ) . , ' + space) with no EPC conversion; Latin letters with accents are converted.",
            });
        }
        return value.Trim();
    }
}
