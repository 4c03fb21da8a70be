using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using BankFunctions.Formats.Iso20022;
using Xunit;

namespace BankFunctions.Formats.Tests.Pain;

public sealed class Pain001WriterTests
{
    private static Pain001Message Message(int count, string currency = "EUR", int minorUnits = 2) => new(
        "BF01KX5Y3M9W2T7Q4R8S6V1N0P", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "Demo Treasury Ltd",
        [
            new Pain001PaymentInfo("BF01KX5Y3M9W2T7Q4R8S6V1N0P-1", new DateOnly(2026, 11, 23),
                new Pain001Party("Demo Treasury Ltd", "DE89370400440532013000", null, "COBADEFFXXX"),
                Enumerable.Range(0, count).Select(i => new Pain001Transfer($"E2E{i:D6}", 1000m + i + (minorUnits == 0 ? 0 : 0.5m), currency, minorUnits,
                    new Pain001Party($"Creditor {i}", "GB82WEST12345698765432", null, i % 2 == 0 ? "NWBKGB2L" : null), "Invoice " + i, null)).ToList()),
        ]);

    public static IEnumerable<object[]> Dialects() => [[Pain001Dialect.V09], [Pain001Dialect.V03]];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Output_validates_against_the_official_schema(Pain001Dialect dialect)
    {
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, Message(3), dialect);
        Assert.Equal([], Validate(stream.ToArray(), dialect));
    }

    [Fact]
    public void Control_sums_and_counts_are_right_at_both_levels()
    {
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, Message(250), Pain001Dialect.V09);
        var doc = XDocument.Load(new MemoryStream(stream.ToArray()));
        XNamespace ns = Pain001Dialect.V09.Namespace;
        var expected = Enumerable.Range(0, 250).Sum(i => 1000.5m + i);
        Assert.Equal("250", doc.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        Assert.Equal(expected, decimal.Parse(doc.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(expected, decimal.Parse(doc.Descendants(ns + "PmtInf").Single().Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(250, doc.Descendants(ns + "CdtTrfTxInf").Count());
    }

    [Theory]
    [InlineData("JPY", 0, "1000")]
    [InlineData("KWD", 3, "1000.500")]
    [InlineData("EUR", 2, "1000.50")]
    public void Amounts_use_the_currency_minor_units(string currency, int units, string first)
    {
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, Message(1, currency, units), Pain001Dialect.V09);
        XNamespace ns = Pain001Dialect.V09.Namespace;
        var amount = XDocument.Load(new MemoryStream(stream.ToArray())).Descendants(ns + "InstdAmt").Single();
        Assert.Equal(first, amount.Value);
        Assert.Equal(currency, amount.Attribute("Ccy")!.Value);
    }

    [Fact]
    public void Ten_thousand_transfers_stream_with_bounded_memory()
    {
        var message = Message(10_000);
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var sink = new CountingStream();
        Pain001Writer.Write(sink, message, Pain001Dialect.V09);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sink.Length > 2_500_000, $"{sink.Length} bytes written");
        // Nothing proportional to the output is buffered: allocations stay well below the file size.
        Assert.True(allocated < sink.Length, $"allocated {allocated} for {sink.Length} bytes");
    }

    private static List<string> Validate(byte[] xml, Pain001Dialect dialect)
    {
        var errors = new List<string>();
        var schemas = new XmlSchemaSet();
        schemas.Add(dialect.Namespace, Path.Combine(AppContext.BaseDirectory, "TestData", "xsd", dialect.Version + ".xsd"));
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
