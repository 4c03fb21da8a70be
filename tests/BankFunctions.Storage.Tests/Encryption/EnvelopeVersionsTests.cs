using Xunit;
using System.Security.Cryptography;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>The re-seal's decisions, pure: which data-key version a stored row's or blob's envelopes use, and whether to rewrite it.</summary>
public sealed class EnvelopeVersionsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static string Sealed(int version, string value = "Muster GmbH") => Envelope.SealText(version, Key, value, [1, 2, 3]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(70_000)]
    public void A_sealed_values_version_is_read_from_its_text(int version) =>
        Assert.Equal(version, EnvelopeVersions.OfText(Sealed(version)));

    [Fact]
    public void A_pending_event_rows_sealed_parts_are_found_by_their_binary_magic_and_a_clear_gzip_part_is_not()
    {
        var sealedPart = Envelope.Seal(3, Key, "[{\"type\":\"payment.created\"}]"u8, [1, 2, 3], prefix: Envelope.BinaryMagic.Length);
        Envelope.BinaryMagic.CopyTo(sealedPart);
        var pending = new TableEntity("t1", TableKeys.EventPendingRow("a1"))
        {
            ["Data0"] = sealedPart,
            ["Data1"] = new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 }, // gzip written before encryption
            ["Count"] = 1,
        };

        Assert.Equal([new EnvelopeVersions.SealedColumn("Data0", 3)], EnvelopeVersions.InEntity(TableNames.TenantData, pending));
        Assert.Equal([new EnvelopeVersions.SealedColumn("Data0", 3)], EnvelopeVersions.InEntity(TableNames.Statements, pending));
        Assert.Null(EnvelopeVersions.OfBinary(new byte[] { 0x1f, 0x8b, 8, 0 }));
    }

    [Fact]
    public void A_rows_sealed_values_are_those_of_its_sensitive_columns_with_their_versions()
    {
        var payment = new TableEntity("t1", TableKeys.PaymentRow("p1"))
        {
            ["CreditorName"] = Sealed(2),
            ["CreditorIban"] = Sealed(1),
            ["RemittanceInformation"] = "written before encryption",
            ["Status"] = "submitted",
            // "Name" is sensitive on counterparty rows only: on a payment row it is never sealed, whatever it holds.
            ["Name"] = Sealed(1),
        };

        var values = EnvelopeVersions.InEntity(TableNames.TenantData, payment);

        Assert.Equal([new("CreditorName", 2), new("CreditorIban", 1)], values.OrderByDescending(v => v.Column));
        Assert.Equal(1, EnvelopeVersions.Oldest(values));
        var counterparty = new TableEntity("t1", TableKeys.CounterpartyRow("c1")) { ["Name"] = Sealed(3) };
        Assert.Equal([new("Name", 3)], EnvelopeVersions.InEntity(TableNames.TenantData, counterparty));
        Assert.Empty(EnvelopeVersions.InEntity(TableNames.Tenants, new TableEntity("tenants", "t1") { ["CreditorName"] = Sealed(1) }));
    }

    [Fact]
    public void A_statement_entry_is_read_with_the_statements_rules()
    {
        var entry = new TableEntity("t1|acc1", "txn|1") { ["CounterpartyName"] = Sealed(4), ["Details"] = Sealed(5), ["Amount"] = "12.00" };

        Assert.Equal(4, EnvelopeVersions.Oldest(EnvelopeVersions.InEntity(TableNames.Statements, entry)));
    }

    [Theory]
    [InlineData(1, 2, true)]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, false)] // sealed by an instance that saw a newer rotation: newer is never rewritten back
    [InlineData(null, 2, false)] // nothing sealed: a row in clear, or without sensitive values
    public void Only_a_value_older_than_the_current_version_is_rewritten(int? oldest, int current, bool rewrite) =>
        Assert.Equal(rewrite, EnvelopeVersions.NeedsReseal(oldest, current));

    [Fact]
    public void A_blobs_version_is_in_its_first_eight_bytes_and_a_clear_blob_has_none()
    {
        var blob = Envelope.Seal(7, Key, "<Document/>"u8, [9], Envelope.BlobMagic.Length);
        Envelope.BlobMagic.CopyTo(blob);

        Assert.Equal(8, EnvelopeVersions.BlobHeadLength);
        Assert.Equal(7, EnvelopeVersions.OfBlob(blob.AsSpan(0, EnvelopeVersions.BlobHeadLength)));
        Assert.Null(EnvelopeVersions.OfBlob("<Document>...</Document>"u8));
        Assert.Null(EnvelopeVersions.OfBlob("BFE"u8));
    }

    [Fact]
    public void A_page_counts_what_it_rewrote_and_skipped_and_the_oldest_version_it_left()
    {
        var tally = new DataKeyReseal.Tally(current: 3);
        tally.Add(3, null);                                // current: not written
        tally.Add(1, DataKeyReseal.Outcome.Rewritten);     // now under 3
        tally.Add(2, DataKeyReseal.Outcome.Changed);       // written meanwhile: may still hold 2

        Assert.Equal(new DataKeyReseal.PageResult(10, 1, 1, 2, "next"), tally.Result(10, "next"));

        var clean = new DataKeyReseal.Tally(current: 3);
        clean.Add(1, DataKeyReseal.Outcome.Rewritten);
        Assert.Equal(3, clean.Result(1, null).OldestRemaining);
        Assert.Null(new DataKeyReseal.Tally(3).Result(5, null).OldestRemaining); // nothing sealed seen
    }

    [Fact]
    public void A_pass_walks_the_tables_with_sensitive_columns_then_the_sealed_containers() =>
        Assert.Equal(
            [TableNames.TenantData, TableNames.Statements, BlobContainers.BankFiles, BlobContainers.Statements, BlobContainers.Receipts],
            DataKeyReseal.Stores.Select(s => s.Name));
}
