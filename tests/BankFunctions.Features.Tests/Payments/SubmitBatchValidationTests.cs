using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>POST /v1/payment-batches validation: kind, item count, and each item under its index.</summary>
public sealed class SubmitBatchValidationTests
{
    // 10:00 UTC is 11:00 in Berlin: the same business day.
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static SubmitBatch.ItemInput Item(string value = "10.00", string? iban = "GB82WEST12345698765432") =>
        new(new AmountInput("EUR", value), new CreditorInput("Muster GmbH", iban, null, null, null), "Salary", null);

    private static (string Kind, List<ValidPayment> Items, IReadOnlyDictionary<string, string[]> Errors) Validate(string? kind, IReadOnlyList<SubmitBatch.ItemInput?>? items, string? date = null)
    {
        var (k, valid) = SubmitBatch.Validate(new SubmitBatch.Request("acc_iso", kind, date, items), PaymentRulesTests.Iso, TestBanks.Of(PaymentRulesTests.Iso), Now, out var v);
        return (k, valid, v.Errors);
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("payroll")]
    public void A_valid_batch_keeps_its_kind_and_items(string kind)
    {
        var (k, items, errors) = Validate(kind, [Item("10.00"), Item("20.50")]);
        Assert.Empty(errors);
        Assert.Equal(kind, k);
        Assert.Equal([10.00m, 20.50m], items.Select(i => i.Amount));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Payroll")]
    [InlineData("salaries")]
    public void An_unknown_kind_is_named(string? kind)
    {
        Assert.Equal(["must be \"payments\" or \"payroll\"."], Validate(kind, [Item()]).Errors["kind"]);
    }

    [Fact]
    public void No_items_is_an_error()
    {
        Assert.Equal(["at least one item is required."], Validate("payments", []).Errors["items"]);
        Assert.Equal(["at least one item is required."], Validate("payments", null).Errors["items"]);
    }

    [Fact]
    public void At_most_ten_thousand_items()
    {
        var items = Enumerable.Repeat<SubmitBatch.ItemInput?>(Item(), SubmitBatch.MaxItems + 1).ToList();
        Assert.Equal(["at most 10000 items per batch."], Validate("payments", items).Errors["items"]);
        Assert.Empty(Validate("payments", items[..SubmitBatch.MaxItems]).Errors);
    }

    [Fact]
    public void Each_bad_item_is_named_by_its_index()
    {
        var (_, _, errors) = Validate("payroll", [Item(), null, Item("5"), Item(iban: null)]);
        Assert.Equal(["must be an object."], errors["items[1]"]);
        Assert.Equal(["must be a decimal string > 0 with exactly 2 decimals for EUR, e.g. \"1250.00\"."], errors["items[2].amount.value"]);
        Assert.Equal(["is required for this bank."], errors["items[3].creditor.iban"]);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void The_batch_date_applies_to_every_item_in_the_banks_time_zone()
    {
        // 23:30 UTC on the 3rd is already the 4th in Berlin: the 3rd is in the past there.
        var (_, valid) = SubmitBatch.Validate(new SubmitBatch.Request("acc_iso", "payments", "2026-12-03", [Item(), Item()]),
            PaymentRulesTests.Iso, TestBanks.Of(PaymentRulesTests.Iso), new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero), out var v);
        Assert.Equal(["items[0].requestedExecutionDate", "items[1].requestedExecutionDate"], v.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, valid.Count);
    }
}
