namespace BankFunctions.Features.Payments;

/// <summary>The contract's payment body (API.md "Payments"); shared by single payments and batch items.</summary>
public sealed record PaymentInput(
    string? DebtorAccountId,
    AmountInput? Amount,
    CreditorInput? Creditor,
    string? RemittanceInformation,
    string? RequestedExecutionDate,
    string? EndToEndId);

public sealed record AmountInput(string? Currency, string? Value);

public sealed record CreditorInput(string? Name, string? Iban, string? Bic, string? AccountNumber, string? BankCode);
