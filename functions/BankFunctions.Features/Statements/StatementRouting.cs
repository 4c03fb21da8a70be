using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>One statement of a file and where it goes: the account it is stored in, or why it is stored nowhere.</summary>
/// <param name="Index">Its place in the file (0-based), as <see cref="StatementParseOptions.OnStatementEntry"/> names it.</param>
public sealed record RoutedStatement(int Index, Statement Statement, AccountRow? Account, string? Reason)
{
    /// <summary>How messages and the API name it: "statement 3 (940A110617)", 1-based like the XPaths of the readers.</summary>
    public string Name => $"statement {Index + 1}" + (string.IsNullOrWhiteSpace(Statement.Id) ? "" : $" ({Statement.Id})");
}

/// <summary>
/// Decides for every statement of a file which account it belongs to, by the statement's own account identification
/// (MT940 :25:, camt Acct/Id IBAN or Othr/Id) and currency. A file may hold statements for several accounts (legacy
/// Rabobank exports hold every account of the customer, one account number in several currencies); each statement is
/// stored only in its own account, never mixed into another.
/// </summary>
public static class StatementRouting
{
    /// <summary>
    /// For an import into one account: the statements that fit it (Reason null) and those that do not (Account null,
    /// Reason says why). A statement that names no account fits if its currency does (CMB pages name none).
    /// </summary>
    public static IReadOnlyList<RoutedStatement> ForAccount(ParseResult result, AccountRow account) =>
        result.Statements.Select((s, i) => Misfit(s, account) is { } why
            ? new RoutedStatement(i, s, null, $"is for {why}, not account {Name(account)}")
            : new RoutedStatement(i, s, account, null)).ToList();

    /// <summary>
    /// For an import into a tenant: each statement to the tenant's one account with its account number or IBAN and
    /// currency. Statements that name no account, name an account the tenant has not registered, or fit several
    /// accounts equally are not routed (Reason says which).
    /// </summary>
    public static IReadOnlyList<RoutedStatement> ForTenant(ParseResult result, IReadOnlyList<AccountRow> accounts) =>
        result.Statements.Select((s, i) => RouteInTenant(i, s, accounts)).ToList();

    private static RoutedStatement RouteInTenant(int index, Statement statement, IReadOnlyList<AccountRow> accounts)
    {
        if (string.IsNullOrWhiteSpace(statement.Account))
        {
            return new RoutedStatement(index, statement, null, "names no account (no :25: or Acct/Id), so it cannot be routed; import it into its account with POST /v1/accounts/{id}/statements");
        }
        var fitting = accounts.Where(a => Misfit(statement, a) is null).ToList();
        if (fitting.Count > 1)
        {
            // "12345678/0532013000" fits both an IBAN ending in it and an account number equal to it; the exact one wins.
            var exact = fitting.Where(a => Exactly(statement.Account, a)).ToList();
            fitting = exact.Count > 0 ? exact : fitting;
        }
        return fitting.Count switch
        {
            1 => new RoutedStatement(index, statement, fitting[0], null),
            0 => new RoutedStatement(index, statement, null, $"is for {Describe(statement)}, which is none of the tenant's accounts"),
            _ => new RoutedStatement(index, statement, null,
                $"is for {Describe(statement)}, which fits several accounts ({string.Join(", ", fitting.Select(a => a.AccountId))}); import it into its account with POST /v1/accounts/{{id}}/statements"),
        };
    }

    /// <summary>What makes a statement not the account's — another account number, another currency, balances in another currency — or null.</summary>
    private static string? Misfit(Statement s, AccountRow account)
    {
        var reasons = new List<string>();
        if (!string.IsNullOrWhiteSpace(s.Account) && !SameAccount(s.Account, account))
        {
            reasons.Add($"account '{s.Account}'");
        }
        if (!string.IsNullOrWhiteSpace(s.Currency) && !SameCurrency(s.Currency, account))
        {
            reasons.Add($"currency {s.Currency}");
        }
        var foreign = s.Balances.Append(s.OpeningBalance).Append(s.ClosingBalance).OfType<StatementBalance>()
            .Where(b => !string.IsNullOrWhiteSpace(b.Currency) && !SameCurrency(b.Currency, account) && !string.Equals(b.Currency, s.Currency, StringComparison.OrdinalIgnoreCase))
            .Select(b => $"{b.Type} in {b.Currency}").Distinct(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            reasons.Add($"balances in another currency than {account.Currency} ({string.Join(", ", foreign)})");
        }
        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    private static string Describe(Statement s) => $"account '{s.Account}'" + (string.IsNullOrWhiteSpace(s.Currency) ? "" : $" in {s.Currency}");

    public static string Name(AccountRow account) => $"{account.Iban ?? account.AccountNumber} ({account.Currency})";

    private static bool SameCurrency(string currency, AccountRow account) => string.Equals(currency.Trim(), account.Currency, StringComparison.OrdinalIgnoreCase);

    private static bool SameAccount(string statementAccount, AccountRow account)
    {
        var s = Alphanumerics(statementAccount);
        foreach (var own in Own(account))
        {
            // MT940 :25: may be "BLZ/account" or the IBAN; the IBAN ends with BLZ+account for German banks.
            if (s == own || (s.Length >= 6 && (own.EndsWith(s, StringComparison.Ordinal) || s.EndsWith(own, StringComparison.Ordinal))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Exactly(string statementAccount, AccountRow account) => Own(account).Contains(Alphanumerics(statementAccount));

    private static IEnumerable<string> Own(AccountRow account) =>
        new[] { account.Iban, account.AccountNumber }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => Alphanumerics(x!));

    private static string Alphanumerics(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
