using BankFunctions.Formats.Iso20022;
using Xunit;

namespace BankFunctions.Formats.Tests.Pain;

/// <summary>Real status reports written by banks and other projects (tests/TestData/pain.002, origins in tests/TestData/README.md).</summary>
public sealed class Pain002ReaderTests
{
    private static Pain002Report Read(string file)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "pain.002", file));
        return Pain002Reader.Read(stream);
    }

    [Fact]
    public void Nordea_transaction_rejections_with_reasons()
    {
        var report = Read("iso20022js_nordea_txn_reject.xml");
        Assert.Equal("MSGID-950-TEST2-2807-01", report.OriginalMsgId);
        Assert.Equal(2, report.Transactions.Count);
        Assert.All(report.Transactions, t => Assert.Equal(("RJCT", "NARR"), (t.Status, t.ReasonCode)));
        Assert.Contains(report.Transactions, t => t.OriginalEndToEndId == "ENDTOENDID-950-TEST2-2807-02");
    }

    [Fact]
    public void Payment_information_rejection()
    {
        var report = Read("iso20022js_nordea_payment_reject.xml");
        Assert.Equal(["RJCT"], report.PaymentInfoStatuses);
    }

    [Fact]
    public void Group_rejection()
    {
        var report = Read("iso20022js_crossriver_batch_rejected.xml");
        Assert.Equal("RJCT", report.GroupStatus);
        Assert.Equal("NARR", report.GroupReasonCode);
    }

    [Fact]
    public void Every_corpus_report_reads_without_error()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "pain.002"), "*.xml"))
        {
            using var stream = File.OpenRead(file);
            var report = Pain002Reader.Read(stream);
            Assert.True(report.GroupStatus is not null || report.Transactions.Count > 0 || report.PaymentInfoStatuses.Count > 0, file);
        }
    }

    [Fact]
    public void Dtd_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document>&x;</Document>"u8.ToArray();
        Assert.ThrowsAny<System.Xml.XmlException>(() => Pain002Reader.Read(new MemoryStream(xml)));
    }
}
