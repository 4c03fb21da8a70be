using BankFunctions.Features.Accounts;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// Field-level validation of a counterparty and what a create or a change makes of it (docs/API.md "Counterparties").
/// An account that is new, or whose bank details changed, starts <c>pending_approval</c> (or <c>approved</c> when the
/// tenant's workflow asks for no approval); an unchanged account keeps its state. Pure.
/// </summary>
public static class CounterpartyRules
{
    /// <summary>The name is what a payment sends as the creditor's name (ISO 20022 Max70Text).</summary>
    public const int NameMax = PaymentRules.CreditorNameMax;
    public const int EmailMax = 254, StreetMax = 70, PostCodeMax = 16, TownMax = 35, LabelMax = 70, DomesticMax = 34, MaxAccounts = 20;

    public enum ChangeKind
    {
        Added,
        Changed,
        Removed,
    }

    /// <summary>An account added, changed (new bank details) or removed: what the audit names and what needs approval.</summary>
    public sealed record AccountChange(string AccountId, ChangeKind Kind);

    public abstract record Result;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;

    public sealed record Valid(CounterpartyView Counterparty, IReadOnlyList<AccountChange> Changes) : Result;

    public static Result Create(CounterpartyInput input, string id, string actor, DateTimeOffset now, int approvalsRequired, Func<string> newAccountId)
    {
        var v = new Validation();
        var name = v.Text("name", input.Name, NameMax);
        var email = Email(v, input.Email);
        var address = Address(v, input.Address);
        CheckMetadata(v, input.Metadata);
        var (accounts, changes) = Accounts(v, input.Accounts ?? [], [], actor, now, approvalsRequired, newAccountId);
        return v.IsValid
            ? new Valid(new CounterpartyView(id, name!, email, address, accounts, input.Metadata, actor, now, now), changes)
            : new Invalid(v.Errors);
    }

    /// <summary>PATCH: absent fields stay; <c>email: ""</c> removes the e-mail; <c>accounts</c> is the full new list.</summary>
    public static Result Update(CounterpartyView current, CounterpartyInput input, string actor, DateTimeOffset now, int approvalsRequired, Func<string> newAccountId)
    {
        var v = new Validation();
        var name = input.Name is null ? current.Name : v.Text("name", input.Name, NameMax);
        var email = input.Email is null ? current.Email : input.Email.Length == 0 ? null : Email(v, input.Email);
        var address = input.Address is null ? current.Address : Address(v, input.Address);
        CheckMetadata(v, input.Metadata);
        var (accounts, changes) = input.Accounts is null
            ? (current.Accounts, [])
            : Accounts(v, input.Accounts, current.Accounts, actor, now, approvalsRequired, newAccountId);
        return v.IsValid
            ? new Valid(current with { Name = name!, Email = email, Address = address, Accounts = accounts, Metadata = input.Metadata ?? current.Metadata, UpdatedAt = now }, changes)
            : new Invalid(v.Errors);
    }

    private static (IReadOnlyList<CounterpartyAccount>, IReadOnlyList<AccountChange>) Accounts(Validation v, IReadOnlyList<CounterpartyAccountInput?> inputs,
        IReadOnlyList<CounterpartyAccount> current, string actor, DateTimeOffset now, int approvalsRequired, Func<string> newAccountId)
    {
        var accounts = new List<CounterpartyAccount>();
        var changes = new List<AccountChange>();
        if (inputs.Count > MaxAccounts)
        {
            v.Add("accounts", $"must have at most {MaxAccounts} accounts.");
            return (accounts, changes);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"accounts[{i}]";
            var input = inputs[i];
            if (input is null)
            {
                v.Add(field, "must be an object.");
                continue;
            }
            CounterpartyAccount? existing = null;
            if (input.Id is not null)
            {
                existing = current.FirstOrDefault(a => a.Id == input.Id);
                if (existing is null)
                {
                    v.Add(field + ".id", "is not an account of this counterparty; leave it out to add an account.");
                    continue;
                }
                if (!seen.Add(input.Id))
                {
                    v.Add(field + ".id", "names an account listed twice.");
                    continue;
                }
            }
            var proposed = Account(v, field, input, existing?.Id ?? newAccountId(), actor, now, approvalsRequired);
            if (proposed is null)
            {
                continue;
            }
            if (existing is not null && existing.SameDetails(proposed))
            {
                accounts.Add(existing with { Label = proposed.Label });
                continue;
            }
            accounts.Add(proposed);
            changes.Add(new AccountChange(proposed.Id, existing is null ? ChangeKind.Added : ChangeKind.Changed));
        }
        changes.AddRange(current.Where(a => !seen.Contains(a.Id)).Select(a => new AccountChange(a.Id, ChangeKind.Removed)));
        var duplicate = accounts.GroupBy(a => (a.Type, a.Iban, a.AccountNumber, a.BankCode)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            v.Add("accounts", "lists the same bank account twice.");
        }
        return (accounts, changes);
    }

    /// <summary>One account from its input, in its first state; null when a field is invalid (each error added).</summary>
    public static CounterpartyAccount? Account(Validation v, string field, CounterpartyAccountInput input, string id, string actor, DateTimeOffset now, int approvalsRequired)
    {
        var errors = v.Errors.Count;
        var type = input.Type ?? (input.Iban is not null ? CounterpartyWire.Iban : null);
        string? iban = null, bic = null, number = null, bankCode = null, country = null;
        switch (type)
        {
            case CounterpartyWire.Iban:
                if (input.Iban is null)
                {
                    v.Add(field + ".iban", "is required for an iban account.");
                }
                else
                {
                    iban = AccountFieldRules.NormaliseIban(input.Iban);
                    if (AccountFieldRules.IbanError(iban) is { } e) v.Add(field + ".iban", e);
                }
                if (input.Bic is not null)
                {
                    bic = input.Bic.ToUpperInvariant();
                    if (AccountFieldRules.BicError(bic) is { } e) v.Add(field + ".bic", e);
                }
                Absent(input.AccountNumber, "accountNumber");
                Absent(input.BankCode, "bankCode");
                Absent(input.Country, "country");
                break;
            case CounterpartyWire.Cnaps:
                number = Required(input.AccountNumber, "accountNumber", AccountFieldRules.AccountNumberError);
                bankCode = Required(input.BankCode, "bankCode", AccountFieldRules.BankCodeError);
                Absent(input.Iban, "iban");
                Absent(input.Bic, "bic");
                Absent(input.Country, "country");
                break;
            case CounterpartyWire.Domestic:
                number = Required(input.AccountNumber, "accountNumber", Domestic);
                bankCode = input.BankCode is null ? null : Required(input.BankCode, "bankCode", Domestic);
                country = Required(input.Country, "country", CountryError);
                Absent(input.Iban, "iban");
                Absent(input.Bic, "bic");
                break;
            default:
                v.Add(field + ".type", "must be iban, cnaps or domestic.");
                break;
        }
        var label = v.Text(field + ".label", input.Label, LabelMax, required: false);
        if (v.Errors.Count != errors)
        {
            return null;
        }
        return approvalsRequired <= 0
            ? new CounterpartyAccount(id, type!, iban, bic, number, bankCode, country, label, CounterpartyWire.Approved, 0, [], actor, now, DecidedAt: now)
            : new CounterpartyAccount(id, type!, iban, bic, number, bankCode, country, label, CounterpartyWire.PendingApproval, approvalsRequired, [], actor, now);

        void Absent(string? value, string name)
        {
            if (value is not null) v.Add($"{field}.{name}", $"is not part of a {type} account.");
        }

        string? Required(string? value, string name, Func<string, string?> error)
        {
            if (value is null)
            {
                v.Add($"{field}.{name}", $"is required for a {type} account.");
                return null;
            }
            if (error(value) is { } e)
            {
                v.Add($"{field}.{name}", e);
                return null;
            }
            return value;
        }
    }

    private static string? Domestic(string value) =>
        value.Length is 0 or > DomesticMax || !value.All(char.IsAsciiLetterOrDigit) ? $"must be 1–{DomesticMax} letters or digits." : null;

    private static string? CountryError(string value) =>
        value.Length == 2 && value.All(char.IsAsciiLetterUpper) ? null : "must be an ISO 3166-1 alpha-2 country code, e.g. \"DE\".";

    private static string? Email(Validation v, string? email)
    {
        if (email is null)
        {
            return null;
        }
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length > EmailMax || at < 1 || at != email.LastIndexOf('@') || email.IndexOf('.', at) < at + 2 || email.EndsWith('.') ||
            email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            v.Add("email", $"must be an e-mail address (local@domain.tld, at most {EmailMax} characters).");
        }
        return email;
    }

    private static AddressView? Address(Validation v, AddressInput? address)
    {
        if (address is null)
        {
            return null;
        }
        var street = v.Text("address.street", address.Street, StreetMax, required: false);
        var postCode = v.Text("address.postCode", address.PostCode, PostCodeMax, required: false);
        var town = v.Text("address.town", address.Town, TownMax, required: false);
        if (address.Country is not null && CountryError(address.Country) is { } e)
        {
            v.Add("address.country", e);
        }
        return new AddressView(street, postCode, town, address.Country);
    }

    private static void CheckMetadata(Validation v, Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }
        if (metadata.Count > ExpectedPaymentRules.MaxMetadataKeys)
        {
            v.Add("metadata", $"must have at most {ExpectedPaymentRules.MaxMetadataKeys} keys.");
        }
        if (metadata.Any(m => string.IsNullOrWhiteSpace(m.Key) || m.Key.Length > ExpectedPaymentRules.MaxMetadataKey || (m.Value?.Length ?? 0) > ExpectedPaymentRules.MaxMetadataValue))
        {
            v.Add("metadata", $"keys must be 1–{ExpectedPaymentRules.MaxMetadataKey} characters and values at most {ExpectedPaymentRules.MaxMetadataValue}.");
        }
    }
}
