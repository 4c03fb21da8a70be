namespace BankFunctions.Features.Payments;

/// <summary>
/// The contract's payment body (API.md "Payments"); shared by single payments and batch items. The creditor is given
/// inline, or (single payments) as <see cref="CounterpartyId"/> + <see cref="CounterpartyAccountId"/>: an approved
/// account of a counterparty, resolved at submission.
/// </summary>
public sealed record PaymentInput(
    string? DebtorAccountId,
    AmountInput? Amount,
    CreditorInput? Creditor,
    string? RemittanceInformation,
    string? RequestedExecutionDate,
    string? EndToEndId,
    string? CounterpartyId = null,
    string? CounterpartyAccountId = null);

public sealed record AmountInput(string? Currency, string? Value);

public sealed record CreditorInput(string? Name, string? Iban, string? Bic, string? AccountNumber, string? BankCode);
