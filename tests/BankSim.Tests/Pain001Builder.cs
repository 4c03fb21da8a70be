using System.Globalization;
using System.Text;
using System.Xml;

namespace BankSim.Tests;

/// <summary>Test pain.001.001.09 files (the gateway has its own writer; this one only feeds the simulator).</summary>
public static class Pain001Builder
{
    public sealed record Tx(string EndToEndId, decimal Amount, string CreditorIban, string CreditorName = "Muster GmbH", string Remittance = "Invoice");

    public static byte[] Build(string msgId, string debtorIban, IReadOnlyList<Tx> txs, bool batchBooking = false, decimal? ctrlSumOverride = null, int? countOverride = null)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            const string ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
            var sum = txs.Sum(t => t.Amount).ToString("0.00", CultureInfo.InvariantCulture);
            w.WriteStartElement("Document", ns);
            w.WriteStartElement("CstmrCdtTrfInitn");
            w.WriteStartElement("GrpHdr");
            w.WriteElementString("MsgId", msgId);
            w.WriteElementString("CreDtTm", "2026-11-22T10:00:00");
            w.WriteElementString("NbOfTxs", (countOverride ?? txs.Count).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CtrlSum", ctrlSumOverride?.ToString("0.00", CultureInfo.InvariantCulture) ?? sum);
            w.WriteStartElement("InitgPty");
            w.WriteElementString("Nm", "Test Treasury");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("PmtInf");
            w.WriteElementString("PmtInfId", msgId + "-1");
            w.WriteElementString("PmtMtd", "TRF");
            w.WriteElementString("BtchBookg", batchBooking ? "true" : "false");
            w.WriteElementString("NbOfTxs", txs.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CtrlSum", sum);
            w.WriteStartElement("ReqdExctnDt");
            w.WriteElementString("Dt", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteStartElement("Dbtr");
            w.WriteElementString("Nm", "Test Treasury");
            w.WriteEndElement();
            Account(w, "DbtrAcct", debtorIban);
            w.WriteStartElement("DbtrAgt");
            w.WriteStartElement("FinInstnId");
            w.WriteElementString("BICFI", "COBADEFFXXX");
            w.WriteEndElement();
            w.WriteEndElement();
            foreach (var tx in txs)
            {
                w.WriteStartElement("CdtTrfTxInf");
                w.WriteStartElement("PmtId");
                w.WriteElementString("EndToEndId", tx.EndToEndId);
                w.WriteEndElement();
                w.WriteStartElement("Amt");
                w.WriteStartElement("InstdAmt");
                w.WriteAttributeString("Ccy", "EUR");
                w.WriteString(tx.Amount.ToString("0.00", CultureInfo.InvariantCulture));
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteStartElement("Cdtr");
                w.WriteElementString("Nm", tx.CreditorName);
                w.WriteEndElement();
                Account(w, "CdtrAcct", tx.CreditorIban);
                w.WriteStartElement("RmtInf");
                w.WriteElementString("Ustrd", tx.Remittance);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Account(XmlWriter w, string name, string iban)
    {
        w.WriteStartElement(name);
        w.WriteStartElement("Id");
        w.WriteElementString("IBAN", iban);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
