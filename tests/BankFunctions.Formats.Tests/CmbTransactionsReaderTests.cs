using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class CmbTransactionsReaderTests
{
    private const string Page = """
        {"response":{"head":{"funcode":"DCTRSINF","resultcode":"SUC0000"},"body":{"ntqtsinfz":[
          {"trsdat":"20261120","trstim":"101500","refnbr":"K1","yurref":"PAY-1","trsamt":"-1250.00","amtcdr":"D","rpyacc":"6225880112345678","rpynam":"张三","rpybnk":"招商银行","naryur":"货款","blvamt":"8750.00"},
          {"trsdat":"20261121","trstim":"090000","refnbr":"K2","yurref":"","trsamt":"300.50","amtcdr":"C","blvamt":"9050.50"}
        ],"ntqacctnz":[{"ctnkey":"next"}]}}}
        """;

    [Fact]
    public void Rows_become_signed_entries_with_balances_derived_from_blvamt()
    {
        var result = StatementText.Parse(Page, "cmb.json");
        Assert.Equal(StatementKinds.Cmb, result.Format);
        var statement = result.Statements.Single();
        Assert.Equal([-1250.00m, 300.50m], statement.Entries.Select(e => e.Amount));
        Assert.Equal(10000.00m, statement.OpeningBalance!.Value);
        Assert.Equal(9050.50m, statement.ClosingBalance!.Value);
        var first = statement.Entries[0];
        Assert.Equal(("K1", "PAY-1", "货款"), (first.BankReference, first.CustomerReference, first.RemittanceInformation));
        Assert.Equal(new Counterparty { Name = "张三", Account = "6225880112345678", Bank = "招商银行" }, first.Counterparty);
        Assert.Equal(new DateOnly(2026, 11, 20), first.BookingDate);
        Assert.Empty(statement.Warnings);
    }

    [Fact]
    public void A_balance_that_does_not_follow_from_the_amounts_is_a_warning()
    {
        var result = StatementText.Parse(Page.Replace("9050.50", "9050.00", StringComparison.Ordinal), "cmb.json");
        Assert.Contains(result.Statements.Single().Warnings, w => w.Code == StatementWarningCodes.BalanceRunningMismatch && w.Message.Contains("ntqtsinfz[1]: blvamt 9050.00 differs from the running balance 9050.50", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsigned_debit_amount_is_read_as_a_debit_with_a_warning()
    {
        var result = StatementText.Parse(Page.Replace("\"-1250.00\"", "\"1250.00\"", StringComparison.Ordinal), "cmb.json");
        var statement = result.Statements.Single();
        Assert.Equal([-1250.00m, 300.50m], statement.Entries.Select(e => e.Amount));
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal(StatementWarningCodes.AmountSignFromIndicator, warning.Code);
        Assert.Equal("cmb.json: $.ntqtsinfz[0]: trsamt 1250.00 has no sign but amtcdr is D; read as a debit", warning.Message);
    }

    [Fact]
    public void Rows_without_blvamt_leave_the_balances_underived_with_a_warning()
    {
        var result = StatementText.Parse(Page.Replace(",\"blvamt\":\"9050.50\"", "", StringComparison.Ordinal), "cmb.json");
        var statement = result.Statements.Single();
        Assert.Equal(2, statement.Entries.Count);
        Assert.Null(statement.OpeningBalance);
        Assert.Null(statement.ClosingBalance);
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal(StatementWarningCodes.BalanceNotDerived, warning.Code);
        Assert.Equal("cmb.json: some rows have no blvamt; balances not derived", warning.Message);
    }

    [Fact]
    public void An_answer_without_rows_is_a_warning()
    {
        var result = StatementText.Parse("""{"response":{"head":{"funcode":"DCTRSINF","resultcode":"SUC0000"},"body":{"ntqtsinfz":[]}}}""", "cmb.json");
        var statement = result.Statements.Single();
        Assert.Empty(statement.Entries);
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal(StatementWarningCodes.NoTransactions, warning.Code);
        Assert.Equal("cmb.json: no transactions in ntqtsinfz", warning.Message);
    }

    [Fact]
    public void Amount_contradicting_its_direction_is_refused()
    {
        var ex = StatementText.Refused(Page.Replace("\"300.50\"", "\"-300.50\"", StringComparison.Ordinal), "cmb.json");
        Assert.Equal("cmb.json: $.ntqtsinfz[1]: trsamt -300.50 contradicts amtcdr 'C'", ex.Message);
    }

    [Fact]
    public void Json_without_transactions_array_is_refused()
    {
        var ex = StatementText.Refused("{\"response\":{\"body\":{}}}", "cmb.json");
        Assert.Contains("expected a DCTRSINF body with an array 'ntqtsinfz'", ex.Message, StringComparison.Ordinal);
    }
}
