using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>Which account each statement of a file belongs to: by its own account identification and currency.</summary>
public sealed class StatementRoutingTests
{
    private static readonly AccountRow Eur = new() { AccountId = "acc_eur", Iban = "DE89370400440532013000", Currency = "EUR" };
    private static readonly AccountRow Usd = new() { AccountId = "acc_usd", AccountNumber = "170059308", Currency = "USD" };
    private static readonly AccountRow RaboEur = new() { AccountId = "acc_rabo_eur", AccountNumber = "170059308", Currency = "EUR" };

    private static ParseResult File(params (string? Account, string? Currency)[] statements) => new()
    {
        Format = StatementKinds.Mt940,
        Statements = statements.Select((s, i) => new Statement { Kind = StatementKinds.Mt940, Id = $"S{i + 1}", Account = s.Account, Currency = s.Currency }).ToList(),
    };

    [Fact]
    public void One_account_number_in_several_currencies_goes_to_the_account_in_each_currency()
    {
        var routed = StatementRouting.ForTenant(File(("1700.59.308", "EUR"), ("1700.59.308", "USD"), ("1700.59.308", "JPY")), [Eur, Usd, RaboEur]);

        Assert.Equal(["acc_rabo_eur", "acc_usd", null], routed.Select(r => r.Account?.AccountId));
        Assert.Contains("none of the tenant's accounts", routed[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blz_account_form_finds_the_iban_it_ends_and_an_exact_match_wins_over_a_suffix()
    {
        var byNumber = new AccountRow { AccountId = "acc_number", AccountNumber = "370400440532013000", Currency = "EUR" };

        Assert.Equal("acc_eur", StatementRouting.ForTenant(File(("37040044/0532013000", "EUR")), [Eur, Usd]).Single().Account?.AccountId);
        Assert.Equal("acc_number", StatementRouting.ForTenant(File(("37040044/0532013000", "EUR")), [Eur, byNumber]).Single().Account?.AccountId);
    }

    [Fact]
    public void Equal_fits_and_statements_without_an_account_are_not_routed()
    {
        var twin = new AccountRow { AccountId = "acc_twin", Iban = "DE89370400440532013000", Currency = "EUR" };

        var routed = StatementRouting.ForTenant(File(("DE89370400440532013000", "EUR"), (null, "EUR")), [Eur, twin]);

        Assert.All(routed, r => Assert.Null(r.Account));
        Assert.Contains("fits several accounts (acc_eur, acc_twin)", routed[0].Reason, StringComparison.Ordinal);
        Assert.Contains("names no account", routed[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_one_account_a_statement_without_an_account_fits_by_currency_and_others_say_why_not()
    {
        var routed = StatementRouting.ForAccount(File((null, "EUR"), ("DE89370400440532013000", "USD"), ("DE44500105175407324931", "EUR")), Eur);

        Assert.Equal(["acc_eur", null, null], routed.Select(r => r.Account?.AccountId));
        Assert.Equal("is for currency USD, not account DE89370400440532013000 (EUR)", routed[1].Reason);
        Assert.Equal("statement 3 (S3)", routed[2].Name);
        Assert.StartsWith("is for account 'DE44500105175407324931'", routed[2].Reason, StringComparison.Ordinal);
    }
}
