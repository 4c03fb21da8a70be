namespace BankFunctions.Features.Counterparties;

/// <summary>
/// POST /v1/counterparties body, and PATCH /v1/counterparties/{id} body where an absent field stays as it is
/// (docs/API.md "Counterparties"). <see cref="Accounts"/>, when given to PATCH, is the full list: an entry with an
/// <c>id</c> keeps (or changes) that account, one without adds an account, an account left out is removed.
/// </summary>
public sealed record CounterpartyInput(
    string? Name,
    string? Email,
    AddressInput? Address,
    List<CounterpartyAccountInput?>? Accounts,
    Dictionary<string, string>? Metadata);

public sealed record AddressInput(string? Street, string? PostCode, string? Town, string? Country);

/// <summary>
/// One bank account: <c>type</c> "iban" (iban, bic?), "cnaps" (accountNumber + the 12-digit CNAPS bankCode of the
/// account's bank) or "domestic" (accountNumber, bankCode?, country). Omitted type: "iban" when an iban is given.
/// </summary>
public sealed record CounterpartyAccountInput(
    string? Id, string? Type, string? Iban, string? Bic, string? AccountNumber, string? BankCode, string? Country, string? Label);
