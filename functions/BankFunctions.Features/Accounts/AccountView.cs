using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Accounts;

public sealed record AccountView(
    string Id, string BankConnectionId, string Bank, string? AccountNumber, string? Iban, string Currency, string Name,
    string? BankCode, string? Bic, string? PullSchedule, DateTimeOffset CreatedAt)
{
    public static AccountView From(AccountRow row) =>
        new(row.AccountId, row.BankConnectionId, row.Bank, row.AccountNumber, row.Iban, row.Currency, row.Name, row.BankCode, row.Bic, row.PullSchedule, row.CreatedAt);
}
