using BankFunctions.Domain.Ids;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>
/// POST /v1/payment-batches as a pure decision: the total against the tenant's thresholds chooses the header's first
/// status, items follow it in 100-item chunks with ids derived from the batch id, and only an approved batch comes
/// with a sign message and its outbox row.
/// </summary>
public sealed class SubmitBatchDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly Caller Submitter = new(false, "t_acme", "key_sub", Role.Submitter);
    private const string BatchIdText = "bat_01JQ0000000000000000000000";
    /// <summary>No approval under 1,000 EUR in total, one from 1,000 EUR.</summary>
    private static readonly IReadOnlyList<ApprovalRule> OneFrom1000Eur = [new("EUR", "0.00", 0), new("EUR", "1000.00", 1)];

    private static SubmitBatch.ItemInput Item(string value = "10.00", string name = "Muster GmbH") =>
        new(new AmountInput("EUR", value), new CreditorInput(name, "GB82WEST12345698765432", null, null, null), "Salary", null);

    private static SubmitBatchDecision Decide(IReadOnlyList<SubmitBatch.ItemInput?> items, string kind = "payroll") =>
        SubmitBatchDecision.Decide(new SubmitBatch.Request("acc_iso", kind, null, items), PaymentRulesTests.Iso, TestBanks.Of(PaymentRulesTests.Iso),
            OneFrom1000Eur, Submitter, BatchIdText, Now);

    [Theory]
    [InlineData(99, "approved")]   // 990.00 EUR
    [InlineData(100, "pending_approval")] // 1,000.00 EUR: the total decides, not an item
    public void The_batch_total_chooses_the_first_status_of_the_header_and_of_every_item(int count, string status)
    {
        var accepted = Assert.IsType<SubmitBatchDecision.Accepted>(Decide(Enumerable.Repeat<SubmitBatch.ItemInput?>(Item(), count).ToList()));

        Assert.Equal(status, accepted.Header.Status);
        Assert.Equal(MoneyTotal(count), accepted.Header.TotalAmount);
        Assert.All(SubmitBatchDecision.ItemRows(accepted.Header, accepted.Items, Submitter, 0), row => Assert.Equal(status, row.Status));
    }

    private static string MoneyTotal(int count) => (count * 10m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Items_are_written_in_chunks_of_one_hundred_with_ids_derived_from_the_batch_and_the_index()
    {
        var accepted = Assert.IsType<SubmitBatchDecision.Accepted>(Decide(Enumerable.Repeat<SubmitBatch.ItemInput?>(Item("1.00"), 250).ToList()));

        Assert.Equal(3, SubmitBatchDecision.Chunks(accepted.Items.Count));
        var last = SubmitBatchDecision.ItemRows(accepted.Header, accepted.Items, Submitter, 2);
        Assert.Equal(50, last.Count);
        Assert.Equal(BatchId.Of(BatchIdText).ItemId(200).Value, last[0].PaymentId);
        Assert.Equal(BatchId.Of(BatchIdText).ItemId(249).Value, last[^1].PaymentId);
        Assert.All(last, row => Assert.Equal(("payroll", BatchIdText), (row.Kind, row.BatchId)));
        // The same decision gives the same rows: a resumed batch rewrites, never doubles.
        Assert.Equal(last.Select(r => r.PaymentId), SubmitBatchDecision.ItemRows(accepted.Header, accepted.Items, Submitter, 2).Select(r => r.PaymentId));
    }

    [Fact]
    public void Only_an_approved_batch_completes_with_a_sign_message_and_its_outbox_row()
    {
        var approved = Assert.IsType<SubmitBatchDecision.Accepted>(Decide([Item()]));
        var pending = Assert.IsType<SubmitBatchDecision.Accepted>(Decide([Item("1000.00")]));

        var sent = SubmitBatchDecision.Complete("t_acme", approved.Header, approved.Warnings, Now);
        var waiting = SubmitBatchDecision.Complete("t_acme", pending.Header, pending.Warnings, Now);

        Assert.NotNull(sent.SignMessage);
        Assert.Contains(BatchIdText, sent.SignMessage, StringComparison.Ordinal);
        Assert.Equal(sent.SignMessage, sent.Outbox?.Message);
        Assert.Null(waiting.SignMessage);
        Assert.Null(waiting.Outbox);
        Assert.Contains("pending_approval", waiting.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversions_are_listed_up_to_twenty_then_counted()
    {
        var accepted = Assert.IsType<SubmitBatchDecision.Accepted>(Decide(Enumerable.Repeat<SubmitBatch.ItemInput?>(Item(name: "Müller GmbH"), 25).ToList()));

        Assert.Equal(SubmitBatchDecision.MaxWarnings + 1, accepted.Warnings.Count);
        Assert.Equal("… and 5 more converted fields.", accepted.Warnings[^1]);
    }

    [Fact]
    public void A_bad_item_is_a_field_error_under_its_index_and_nothing_is_decided()
    {
        var invalid = Assert.IsType<SubmitBatchDecision.Invalid>(Decide([Item(), Item("-1.00")]));

        Assert.Contains(invalid.Errors.Keys, key => key.StartsWith("items[1].amount", StringComparison.Ordinal));
    }
}
