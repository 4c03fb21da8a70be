using System.Globalization;
using System.Text;
using System.Xml;

namespace BankSim.Iso;

/// <summary>Customer payment status report pain.002.001.10: group status, per-PmtInf and per-transaction status with reasons.</summary>
public static class Pain002Writer
{
    public static byte[] Write(IsoFile file, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Document", Schemas.Pain002V10);
            w.WriteStartElement("CstmrPmtStsRpt");
            w.WriteStartElement("GrpHdr");
            w.WriteElementString("MsgId", $"STS{file.FileId}{now:HHmmssfff}");
            w.WriteElementString("CreDtTm", Time(now));
            w.WriteEndElement();

            w.WriteStartElement("OrgnlGrpInfAndSts");
            w.WriteElementString("OrgnlMsgId", file.Document.MsgId);
            w.WriteElementString("OrgnlMsgNmId", file.Document.Namespace[(file.Document.Namespace.LastIndexOf(':') + 1)..]);
            w.WriteElementString("OrgnlNbOfTxs", file.Document.NbOfTxs.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("GrpSts", file.GroupStatus);
            if (file.GroupRejection is { } code)
            {
                Reason(w, code);
            }
            w.WriteEndElement();

            foreach (var info in file.Document.PaymentInfos)
            {
                var txs = file.Transactions.Where(t => t.PmtInfId == info.PmtInfId).ToList();
                w.WriteStartElement("OrgnlPmtInfAndSts");
                w.WriteElementString("OrgnlPmtInfId", info.PmtInfId);
                foreach (var tx in txs)
                {
                    w.WriteStartElement("TxInfAndSts");
                    w.WriteElementString("OrgnlEndToEndId", tx.Tx.EndToEndId);
                    w.WriteElementString("TxSts", tx.Status);
                    if (tx.Reason is { } reason)
                    {
                        Reason(w, reason);
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <summary>The answer to a file that is not schema-valid: group RJCT FF01 (invalid file format).</summary>
    public static byte[] FormatRejection(string? msgId, string detail, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Document", Schemas.Pain002V10);
            w.WriteStartElement("CstmrPmtStsRpt");
            w.WriteStartElement("GrpHdr");
            w.WriteElementString("MsgId", $"REJ{now:yyyyMMddHHmmssfff}");
            w.WriteElementString("CreDtTm", Time(now));
            w.WriteEndElement();
            w.WriteStartElement("OrgnlGrpInfAndSts");
            w.WriteElementString("OrgnlMsgId", string.IsNullOrEmpty(msgId) ? "UNKNOWN" : msgId[..Math.Min(35, msgId.Length)]);
            w.WriteElementString("OrgnlMsgNmId", "pain.001");
            w.WriteElementString("GrpSts", "RJCT");
            Reason(w, "FF01", detail.Length > 105 ? detail[..105] : detail);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Reason(XmlWriter w, string code, string? info = null)
    {
        w.WriteStartElement("StsRsnInf");
        w.WriteStartElement("Rsn");
        w.WriteElementString("Cd", code);
        w.WriteEndElement();
        if (info is not null)
        {
            w.WriteElementString("AddtlInf", info);
        }
        w.WriteEndElement();
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
