using BankFunctions.Banks;
using BankFunctions.Features.Receipts;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Receipts;

/// <summary>The pure parts of e-receipt fetching: which entries get work, the back-off, and If-None-Match.</summary>
public sealed class ReceiptDecisionTests
{
    [Fact]
    public void Not_yet_waits_longer_each_time_then_gives_up_with_the_banks_words()
    {
        var notYet = BankResult.Failure<Receipt>(BankCallOutcome.Retryable, "ReceiptNotReady", "not booked");
        var waits = Enumerable.Range(0, ReceiptRetry.MaxAttempts).Select(a => Assert.IsType<ReceiptNext.Retry>(ReceiptRetry.Decide(notYet, a)).Delay).ToList();

        Assert.Equal(ReceiptRetry.Delays, waits);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.First < p.Second));
        var gaveUp = Assert.IsType<ReceiptNext.GiveUp>(ReceiptRetry.Decide(notYet, ReceiptRetry.MaxAttempts));
        Assert.Contains("ReceiptNotReady: not booked", gaveUp.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_asking_for_more_time_is_given_it()
    {
        var busy = BankResult.Failure<Receipt>(BankCallOutcome.Retryable, "HTTP429", "slow down", 429, TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<ReceiptNext.Retry>(ReceiptRetry.Decide(busy, 0)).Delay);
    }

    [Fact]
    public void A_refusal_gives_up_at_once_and_a_bank_without_receipts_drops_the_work()
    {
        Assert.IsType<ReceiptNext.GiveUp>(ReceiptRetry.Decide(BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "BadReceipt", "not a PDF"), 0));
        Assert.IsType<ReceiptNext.Drop>(ReceiptRetry.Decide(BankResult.NotSupported<Receipt>("E-receipts"), 0));
        Assert.IsType<ReceiptNext.Retry>(ReceiptRetry.EntryMissing(0));
        Assert.IsType<ReceiptNext.GiveUp>(ReceiptRetry.EntryMissing(ReceiptRetry.MaxAttempts));
    }

    [Fact]
    public void Work_is_one_per_booked_entry_with_a_bank_reference_not_yet_linked()
    {
        StatementEntryRow Row(string status, string? reference, string? blob = null) => new() { Status = status, BankReference = reference, ReceiptBlob = blob };
        var work = ReceiptRequests.For("t1", "acc_1",
        [
            Row("booked", "BK-1"), Row("booked", "BK-1"), Row("pending", "BK-2"), Row("booked", null), Row("booked", " "),
            Row("booked", "BK-3", blob: "t1/acc_1/BK-3.pdf"), Row("booked", "BK/4#"),
        ]);

        Assert.Equal(["BK-1", "BK/4#"], work.Select(w => w.Reference));
        // Subjects are Table-key safe whatever the bank's reference holds.
        Assert.Equal("rcpt|acc_1|BK-1", work[0].Subject);
        Assert.DoesNotContain(work[1].Subject, c => c is '/' or '#' or '\\' or '?');
        Assert.Equal(work[0], ReceiptMessage.Parse(work[0].ToJson()));
    }

    [Theory]
    [InlineData("\"abc\"", true)]
    [InlineData("W/\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", true)]
    [InlineData("*", true)]
    [InlineData("\"abcd\"", false)]
    [InlineData("", false)]
    public void If_none_match_compares_entity_tags_weakly(string header, bool matches) =>
        Assert.Equal(matches, ReceiptResponse.Matches(header, "\"abc\""));

    [Fact]
    public void Digests_are_the_sha256_in_base64_and_the_etag_its_quoted_hex()
    {
        var stored = new StoredReceipt("t/a/r.pdf", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "application/pdf"); // SHA-256("abc")
        Assert.Equal("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"", ReceiptResponse.ETag(stored));
        Assert.Equal("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", ReceiptResponse.Base64Digest(stored));
        Assert.Equal("t1/acc_1/BK-1.pdf", ReceiptBlobs.Name("t1", "acc_1", "BK-1", "application/pdf"));
        Assert.Equal("t1/acc_1/BK-1.xml", ReceiptBlobs.Name("t1", "acc_1", "BK-1", "application/xml"));
    }
}
