using System.Globalization;
using BankFunctions.Domain.Ids;
using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary>
/// Typed ids: prefix and shape, time order, and the references derived from them — compared with literal values and
/// with the string cutting the code did before #12 (kept below as it was, so a change of any derived reference, which
/// the bank would see as a new payment or file, fails here).
/// </summary>
public sealed class IdTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    // Before #12 (PaymentRows, BankReferences, SignPayments): ids cut at their first '_'.
    private static string OldBody(string id) => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
    private static string OldEndToEndId(string paymentId) => OldBody(paymentId).ToUpperInvariant();
    private static string OldMessageId(string fileId) => "BF" + OldBody(fileId).ToUpperInvariant();
    private static string OldItemIdPrefix(string batchId) => "pay_" + OldBody(batchId);
    private static string OldItemId(string batchId, int index) => OldItemIdPrefix(batchId) + index.ToString("D5", CultureInfo.InvariantCulture);
    private static string OldBatchFileId(string batchId) => "file_" + OldBody(batchId);

    [Fact]
    public void New_ids_have_their_prefix_and_26_base32_characters()
    {
        (string Id, string Prefix)[] ids =
        [
            (PaymentId.New(At).Value, "pay_"), (BatchId.New(At).Value, "bat_"), (FileId.New(At).Value, "file_"),
            (AccountId.New(At).Value, "acc_"), (TenantId.New(At).Value, "ten_"), (ExpectedPaymentId.New(At).Value, "xp_"),
            (CounterpartyId.New(At).Value, "cp_"), (CounterpartyAccountId.New(At).Value, "cpa_"),
        ];
        foreach (var (id, prefix) in ids)
        {
            Assert.StartsWith(prefix, id, StringComparison.Ordinal);
            Assert.Equal(prefix.Length + TimeOrderedId.Length, id.Length);
            Assert.All(id[prefix.Length..], c => Assert.Contains(c, TimeOrderedId.Alphabet));
        }
    }

    [Fact]
    public void Ids_sort_by_creation_time_and_share_the_time_prefix()
    {
        var earlier = PaymentId.New(At).Value;
        var later = PaymentId.New(At.AddMilliseconds(1)).Value;
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.Equal(TimeOrderedId.TimePrefix(At), earlier[4..14]);
        Assert.NotEqual(PaymentId.New(At), PaymentId.New(At));
        // 2026-12-04T18:00:00Z = 1796407200000 ms since the epoch, in Crockford base32.
        Assert.Equal("01m913d280", TimeOrderedId.TimePrefix(At)); // checked with an independent encoder (Python)
    }

    [Theory]
    [InlineData("pay_01kbn7mse0abcdefghjkmnpqrs", true)]
    [InlineData("pay_01kbn7mse0abcdefghjkmnpqrs00042", true)]
    [InlineData("pay_", false)]
    [InlineData("bat_01kbn7mse0abcdefghjkmnpqrs", false)]
    [InlineData("PAY_01kbn7mse0abcdefghjkmnpqrs", false)]
    [InlineData("pay_01KBN7MSE0ABCDEFGHJKMNPQRS", false)]
    [InlineData("pay_01kbn7mse0abcdefghjkmnpqri", false)]
    [InlineData("pay_01kbn7mse0'or'1'='1", false)]
    [InlineData(null, false)]
    public void Payment_ids_are_recognised_by_prefix_and_shape(string? value, bool valid)
    {
        Assert.Equal(valid, PaymentId.TryParse(value) is not null);
        if (!valid)
        {
            Assert.Throws<FormatException>(() => PaymentId.Parse(value!));
        }
    }

    [Theory]
    [InlineData("acme-gmbh", true)]
    [InlineData("ten_01kbn7mse0abcdefghjkmnpqrs", true)]
    [InlineData("ab", false)]
    [InlineData("Acme", false)]
    [InlineData("1acme", false)]
    [InlineData("acme gmbh", false)]
    [InlineData("a23456789012345678901234567890123456789012", false)]
    public void Tenant_ids_follow_their_pattern(string value, bool valid)
    {
        Assert.Equal(valid, TenantId.TryParse(value) is not null);
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(value, TenantId.Pattern));
    }

    [Fact]
    public void The_default_end_to_end_id_is_the_payment_id_body_upper_case()
    {
        var id = PaymentId.Parse("pay_01kbn7mse0abcdefghjkmnpqrs");
        Assert.Equal("01KBN7MSE0ABCDEFGHJKMNPQRS", id.DefaultEndToEndId);
        for (var i = 0; i < 50; i++)
        {
            var fresh = PaymentId.New(At.AddDays(i));
            Assert.Equal(OldEndToEndId(fresh.Value), fresh.DefaultEndToEndId);
            Assert.InRange(fresh.DefaultEndToEndId.Length, 1, 35); // ISO 20022 Max35Text
        }
    }

    [Fact]
    public void The_message_id_of_a_file_is_BF_and_its_body_upper_case()
    {
        Assert.Equal("BF01KBN7MSE0ABCDEFGHJKMNPQRS", FileId.Parse("file_01kbn7mse0abcdefghjkmnpqrs").MessageId);
        for (var i = 0; i < 50; i++)
        {
            var fresh = FileId.New(At.AddHours(i));
            Assert.Equal(OldMessageId(fresh.Value), fresh.MessageId);
            Assert.InRange(fresh.MessageId.Length, 1, 35); // Max35Text
        }
    }

    [Fact]
    public void Batch_items_and_the_batch_file_derive_from_the_batch_id()
    {
        var batch = BatchId.Parse("bat_01kbn7mse0abcdefghjkmnpqrs");
        Assert.Equal("pay_01kbn7mse0abcdefghjkmnpqrs", batch.ItemIdPrefix);
        Assert.Equal("pay_01kbn7mse0abcdefghjkmnpqrs00000", batch.ItemId(0).Value);
        Assert.Equal("pay_01kbn7mse0abcdefghjkmnpqrs09999", batch.ItemId(9999).Value);
        Assert.Equal("file_01kbn7mse0abcdefghjkmnpqrs", batch.FileId.Value);
        Assert.Equal("01KBN7MSE0ABCDEFGHJKMNPQRS00042", batch.ItemId(42).DefaultEndToEndId);
        Assert.NotNull(PaymentId.TryParse(batch.ItemId(7).Value));
        Assert.NotNull(FileId.TryParse(batch.FileId.Value));
        for (var i = 0; i < 20; i++)
        {
            var fresh = BatchId.New(At.AddMinutes(i));
            Assert.Equal(OldItemIdPrefix(fresh.Value), fresh.ItemIdPrefix);
            Assert.Equal(OldItemId(fresh.Value, i * 37), fresh.ItemId(i * 37).Value);
            Assert.Equal(OldBatchFileId(fresh.Value), fresh.FileId.Value);
            Assert.StartsWith(fresh.ItemIdPrefix, fresh.ItemId(i).Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ids_of_one_kind_are_not_ids_of_another()
    {
        var file = FileId.New(At).Value;
        Assert.Null(PaymentId.TryParse(file));
        Assert.Null(BatchId.TryParse(file));
        Assert.Null(AccountId.TryParse(file));
        Assert.NotNull(FileId.TryParse(file));
    }
}
