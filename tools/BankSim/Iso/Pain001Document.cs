using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace BankSim.Iso;

public sealed record Pain001Transaction(string EndToEndId, decimal Amount, string Currency, string CreditorName, string CreditorAccount, string? CreditorBic, string? Remittance);

public sealed record Pain001PaymentInfo(string PmtInfId, string DebtorAccount, DateOnly ExecutionDate, bool BatchBooking, int? NbOfTxs, decimal? CtrlSum,
    IReadOnlyList<Pain001Transaction> Transactions);

/// <summary>The parts of a customer credit transfer initiation (pain.001.001.03 / .09) the bank acts on.</summary>
public sealed record Pain001Document(string Namespace, string MsgId, int NbOfTxs, decimal? CtrlSum, IReadOnlyList<Pain001PaymentInfo> PaymentInfos)
{
    public static Pain001Document Parse(byte[] xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        var doc = XDocument.Load(reader);
        XNamespace ns = doc.Root!.Name.Namespace;
        var root = doc.Root.Element(ns + "CstmrCdtTrfInitn")!;
        var header = root.Element(ns + "GrpHdr")!;
        var infos = root.Elements(ns + "PmtInf").Select(p => new Pain001PaymentInfo(
            p.Element(ns + "PmtInfId")!.Value,
            Account(p.Element(ns + "DbtrAcct"), ns),
            ExecutionDate(p.Element(ns + "ReqdExctnDt")!, ns),
            string.Equals(p.Element(ns + "BtchBookg")?.Value, "true", StringComparison.Ordinal),
            p.Element(ns + "NbOfTxs") is { } n ? int.Parse(n.Value, CultureInfo.InvariantCulture) : null,
            p.Element(ns + "CtrlSum") is { } c ? decimal.Parse(c.Value, CultureInfo.InvariantCulture) : null,
            p.Elements(ns + "CdtTrfTxInf").Select(t =>
            {
                var amount = t.Element(ns + "Amt")!.Element(ns + "InstdAmt")!;
                return new Pain001Transaction(
                    t.Element(ns + "PmtId")!.Element(ns + "EndToEndId")!.Value,
                    decimal.Parse(amount.Value, CultureInfo.InvariantCulture),
                    amount.Attribute("Ccy")!.Value,
                    t.Element(ns + "Cdtr")?.Element(ns + "Nm")?.Value ?? "",
                    Account(t.Element(ns + "CdtrAcct"), ns),
                    t.Element(ns + "CdtrAgt")?.Element(ns + "FinInstnId")?.Elements().FirstOrDefault(e => e.Name.LocalName is "BICFI" or "BIC")?.Value,
                    string.Join(" ", t.Element(ns + "RmtInf")?.Elements(ns + "Ustrd").Select(u => u.Value) ?? []));
            }).ToList())).ToList();
        return new Pain001Document(ns.NamespaceName, header.Element(ns + "MsgId")!.Value,
            int.Parse(header.Element(ns + "NbOfTxs")!.Value, CultureInfo.InvariantCulture),
            header.Element(ns + "CtrlSum") is { } sum ? decimal.Parse(sum.Value, CultureInfo.InvariantCulture) : null,
            infos);
    }

    /// <summary>.09 wraps the date in &lt;Dt&gt; (or &lt;DtTm&gt;); .03 has it directly.</summary>
    private static DateOnly ExecutionDate(XElement element, XNamespace ns)
    {
        var text = element.Element(ns + "Dt")?.Value ?? element.Element(ns + "DtTm")?.Value[..10] ?? element.Value;
        return DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string Account(XElement? account, XNamespace ns)
    {
        var id = account?.Element(ns + "Id");
        return id?.Element(ns + "IBAN")?.Value ?? id?.Element(ns + "Othr")?.Element(ns + "Id")?.Value ?? "";
    }
}
