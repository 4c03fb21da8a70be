using System.Text.Json;
using BankFunctions.Domain;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Receivables;

/// <summary>
/// The amount checks of a manual match (<see cref="ManualAllocationRules"/>) and how an unmatch gives an expected payment
/// back what an entry settled (<see cref="EntryAllocations"/>).
/// </summary>
public sealed class ManualAllocationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    internal static ExpectedPaymentRow Row(string id, string? amount, string remaining, string status = "open", string currency = "EUR",
        string direction = "credit", string account = "acc_1", string? min = null, string? max = null) => new()
        {
            ExpectedPaymentId = id, AccountId = account, Direction = direction, Currency = currency, Amount = amount, MinAmount = min, MaxAmount = max,
            RemainingAmount = remaining, WindowFrom = "2026-12-01", WindowTo = "2026-12-31", Status = status,
        };

    private static Dictionary<string, ExpectedPaymentRow> Found(params ExpectedPaymentRow[] rows) => rows.ToDictionary(r => r.ExpectedPaymentId);

    private static ManualAllocationRules.Result Check(MatchInput input, string entry, IReadOnlyDictionary<string, ExpectedPaymentRow> found, string allocated = "0.00") =>
        ManualAllocationRules.Check(input, "acc_1", Money.Parse(entry, "EUR"), Money.Parse(allocated, "EUR"), found);

    private static MatchInput Input(string[] ids, Dictionary<string, string?>? amounts = null, string[]? payments = null) => new(ids, payments, amounts, null);

    private static IReadOnlyDictionary<string, string[]> Errors(ManualAllocationRules.Result result) =>
        Assert.IsType<ManualAllocationRules.Invalid>(result).Errors;

    [Fact]
    public void Without_amounts_each_takes_what_is_still_open_in_order_and_the_last_one_the_rest_of_the_entry()
    {
        var valid = Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_a", "xp_b"]), "1000.00",
            Found(Row("xp_a", "300.00", "300.00"), Row("xp_b", "900.00", "900.00"))));
        Assert.Equal(["300.00", "700.00"], valid.Allocations.Select(a => a.Amount.ToAmountString()));
    }

    [Fact]
    public void What_settled_the_entry_before_is_not_given_again()
    {
        var valid = Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_a"]), "1000.00", Found(Row("xp_a", "900.00", "900.00")), allocated: "400.00"));
        Assert.Equal("600.00", Assert.Single(valid.Allocations).Amount.ToAmountString());
        Assert.Contains("amounts.xp_a", Errors(Check(Input(["xp_a"]), "1000.00", Found(Row("xp_a", "900.00", "900.00")), allocated: "1000.00")).Keys);
    }

    [Fact]
    public void A_given_amount_is_at_most_what_is_open_and_all_parts_at_most_the_entry()
    {
        var found = Found(Row("xp_a", "300.00", "200.00", "partially_reconciled"), Row("xp_b", "900.00", "900.00"));
        Assert.Contains("amounts.xp_a", Errors(Check(Input(["xp_a"], new() { ["xp_a"] = "250.00" }), "1000.00", found)).Keys);
        Assert.Contains("amounts.xp_a", Errors(Check(Input(["xp_a"], new() { ["xp_a"] = "0.00" }), "1000.00", found)).Keys);
        Assert.Contains("amounts.xp_a", Errors(Check(Input(["xp_a"], new() { ["xp_a"] = "1.001" }), "1000.00", found)).Keys);
        Assert.Contains("amounts", Errors(Check(Input(["xp_a", "xp_b"], new() { ["xp_a"] = "200.00", ["xp_b"] = "900.00" }), "1000.00", found)).Keys);
        var partial = Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_b"], new() { ["xp_b"] = "150.00" }), "1000.00", found));
        Assert.Equal("150.00", partial.Allocations[0].Amount.ToAmountString());
    }

    [Fact]
    public void Currency_direction_account_status_and_unknown_ids_are_named_by_position()
    {
        var found = Found(Row("xp_usd", "10.00", "10.00", currency: "USD"), Row("xp_debit", "10.00", "10.00", direction: "debit"),
            Row("xp_other", "10.00", "10.00", account: "acc_2"), Row("xp_done", "10.00", "0.00", "reconciled"));
        var errors = Errors(Check(Input(["xp_usd", "xp_debit", "xp_other", "xp_done", "xp_none"]), "100.00", found));
        Assert.Contains("USD", errors["expectedPaymentIds[0]"][0], StringComparison.Ordinal);
        Assert.Contains("debit", errors["expectedPaymentIds[1]"][0], StringComparison.Ordinal);
        Assert.Contains("another account", errors["expectedPaymentIds[2]"][0], StringComparison.Ordinal);
        Assert.Contains("reconciled", errors["expectedPaymentIds[3]"][0], StringComparison.Ordinal);
        Assert.Contains("expectedPaymentIds[4]", errors.Keys);
        // A debit entry settles expected debits only.
        Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_debit"]), "-10.00", found));
    }

    [Fact]
    public void A_range_is_settled_whole_inside_its_bounds()
    {
        var found = Found(Row("xp_r", null, "110.00", min: "90.00", max: "110.00"));
        Assert.Equal("100.00", Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_r"]), "100.00", found)).Allocations[0].Amount.ToAmountString());
        Assert.Equal("110.00", Assert.IsType<ManualAllocationRules.Valid>(Check(Input(["xp_r"]), "500.00", found)).Allocations[0].Amount.ToAmountString());
        Assert.Contains("amounts.xp_r", Errors(Check(Input(["xp_r"]), "50.00", found)).Keys);
        Assert.Contains("amounts.xp_r", Errors(Check(Input(["xp_r"], new() { ["xp_r"] = "80.00" }), "500.00", found)).Keys);
    }

    [Fact]
    public void The_shape_of_the_request_is_checked_first()
    {
        var found = Found(Row("xp_a", "10.00", "10.00"));
        Assert.Contains("expectedPaymentIds", Errors(Check(Input([]), "10.00", found)).Keys);
        Assert.Contains("expectedPaymentIds", Errors(Check(Input(["xp_a", "xp_a"]), "10.00", found)).Keys);
        Assert.Contains("amounts.xp_z", Errors(Check(Input(["xp_a"], new() { ["xp_z"] = "1.00" }), "10.00", found)).Keys);
        Assert.Contains("entryId", Errors(Check(Input(["xp_a"]), "0.00", found)).Keys);
        Assert.Contains("expectedPaymentIds", Errors(Check(Input(Enumerable.Range(0, 51).Select(i => $"xp_{i}").ToArray()), "10.00", found)).Keys);
    }

    private static SettlementView Part(string entry, string amount, string account = "acc_1") =>
        new(entry, account, new MoneyView("EUR", amount), "2026-12-04", "manual", Now);

    private static void Settle(ExpectedPaymentRow row, params SettlementView[] parts)
    {
        foreach (var part in parts)
        {
            Assert.True(ExpectedPaymentRows.Apply(row, Money.Parse(part.Amount.Value, "EUR"), part, Now));
        }
    }

    [Fact]
    public void Unmatching_gives_back_only_this_entrys_parts_and_the_status_follows()
    {
        var row = Row("xp_a", "1000.00", "1000.00");
        Settle(row, Part("e1", "400.00"), Part("e2", "100.00"), Part("e1", "50.00", account: "acc_2"));
        Assert.Equal(("450.00", "partially_reconciled"), (row.RemainingAmount, row.Status));
        Assert.Equal("400.00", EntryAllocations.Allocated([row], "acc_1", "e1", Currency.Find("EUR")!).ToAmountString());

        Assert.Equal("400.00", EntryAllocations.Restore(row, "acc_1", "e1", Now).ToAmountString());
        Assert.Equal(("850.00", "partially_reconciled"), (row.RemainingAmount, row.Status));
        Assert.Equal(2, ExpectedPaymentRows.Settlements(row).Count);
        Assert.True(EntryAllocations.Restore(row, "acc_1", "e1", Now).IsZero);

        EntryAllocations.Restore(row, "acc_1", "e2", Now);
        EntryAllocations.Restore(row, "acc_2", "e1", Now);
        Assert.Equal(("1000.00", "open"), (row.RemainingAmount, row.Status));
        Assert.Empty(JsonSerializer.Deserialize<List<SettlementView>>(row.Settlements, ApiJson.Options)!);
    }

    [Fact]
    public void Unmatching_a_range_opens_it_whole_and_a_cancelled_one_stays_cancelled()
    {
        var range = Row("xp_r", null, "110.00", min: "90.00", max: "110.00");
        Settle(range, Part("e1", "100.00"));
        Assert.Equal(("0.00", "reconciled"), (range.RemainingAmount, range.Status));
        EntryAllocations.Restore(range, "acc_1", "e1", Now);
        Assert.Equal(("110.00", "open"), (range.RemainingAmount, range.Status));

        var cancelled = Row("xp_c", "100.00", "100.00");
        Settle(cancelled, Part("e1", "40.00"));
        cancelled.Status = "cancelled";
        EntryAllocations.Restore(cancelled, "acc_1", "e1", Now);
        Assert.Equal(("100.00", "cancelled"), (cancelled.RemainingAmount, cancelled.Status));
    }
}
