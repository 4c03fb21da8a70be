using System.Xml;
using System.Xml.Linq;
using BankFunctions.Banks.Status;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>
/// Reads just the statuses out of a pain.002 (versions .03 to .10; elements matched by local name): group status,
/// and per transaction the original EndToEndId, TxSts and the first StsRsnInf/Rsn/Cd. A transaction without its own
/// status inherits its payment information's, then the group's (pain.002 rules). The full message model is the
/// Formats project's job; the adapter only needs to know where each payment stands.
/// </summary>
public static class Pain002StatusReader
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static PaymentStatusReport Read(byte[] xml)
    {
        using var stream = new MemoryStream(xml);
        using var reader = XmlReader.Create(stream, Settings);
        var document = XDocument.Load(reader);
        var report = Child(document.Root, "CstmrPmtStsRpt") ?? throw new FormatException("Not a pain.002: no CstmrPmtStsRpt.");

        // CstmrPmtStsRpt/OrgnlGrpInfAndSts/GrpSts
        var group = Child(report, "OrgnlGrpInfAndSts");
        var groupStatus = StatusOf(group, "GrpSts");

        var items = new List<PaymentItemStatus>();
        foreach (var paymentInfo in Children(report, "OrgnlPmtInfAndSts"))
        {
            var paymentInfoStatus = StatusOf(paymentInfo, "PmtInfSts") ?? groupStatus;
            foreach (var tx in Children(paymentInfo, "TxInfAndSts"))
            {
                var endToEndId = Child(tx, "OrgnlEndToEndId")?.Value.Trim();
                var status = StatusOf(tx, "TxSts") ?? paymentInfoStatus;
                if (endToEndId is not null && status is not null)
                {
                    items.Add(new PaymentItemStatus(endToEndId, status, Child(tx, "AcctSvcrRef")?.Value.Trim()));
                }
            }
        }
        return new PaymentStatusReport(true, groupStatus, items);
    }

    /// <summary>The first group-level reason code, for a 400 rejection (FF01, AM10, AM18…).</summary>
    public static string? GroupReason(byte[] xml)
    {
        try
        {
            return Read(xml).Group?.Reason;
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return null;
        }
    }

    private static BankPaymentStatus? StatusOf(XElement? parent, string statusElement)
    {
        var code = Child(parent, statusElement)?.Value.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        // StsRsnInf/Rsn/Cd and StsRsnInf/AddtlInf
        var reason = Child(parent, "StsRsnInf");
        return PaymentStatusMapping.FromIso(code, Child(Child(reason, "Rsn"), "Cd")?.Value.Trim(), Child(reason, "AddtlInf")?.Value.Trim());
    }

    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static IEnumerable<XElement> Children(XElement? parent, string localName) =>
        parent?.Elements().Where(e => e.Name.LocalName == localName) ?? [];
}
