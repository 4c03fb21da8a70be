using System.Globalization;
using System.Text;
using System.Xml;

namespace BankFunctions.Formats.Iso20022;

/// <summary>Bank differences in how pain.001 is written (STYLE rule 6: quirks are data).</summary>
public sealed record Pain001Dialect(string Version, bool BatchBooking, bool ServiceLevelSepa, bool ChargeBearerSlev)
{
    /// <summary>pain.001.001.09 (CBPR+/SEPA 2019+): ReqdExctnDt/Dt, BICFI.</summary>
    public static readonly Pain001Dialect V09 = new("pain.001.001.09", BatchBooking: true, ServiceLevelSepa: false, ChargeBearerSlev: true);
    /// <summary>pain.001.001.03 (older SEPA): ReqdExctnDt as a plain date, BIC.</summary>
    public static readonly Pain001Dialect V03 = new("pain.001.001.03", BatchBooking: true, ServiceLevelSepa: false, ChargeBearerSlev: true);

    public string Namespace => "urn:iso:std:iso:20022:tech:xsd:" + Version;
    public bool IsV03 => Version == "pain.001.001.03";
}

public sealed record Pain001Party(string Name, string? Iban, string? OtherId, string? Bic);

public sealed record Pain001Transfer(string EndToEndId, decimal Amount, string Currency, int MinorUnits, Pain001Party Creditor, string? Remittance, string? CategoryPurpose);

public sealed record Pain001PaymentInfo(string PmtInfId, DateOnly ExecutionDate, Pain001Party Debtor, IReadOnlyList<Pain001Transfer> Transfers);

public sealed record Pain001Message(string MsgId, DateTimeOffset CreatedAt, string InitiatingParty, IReadOnlyList<Pain001PaymentInfo> PaymentInfos);

/// <summary>
/// Writes a customer credit transfer initiation (pain.001) to a stream with XmlWriter — no DOM, so a 10,000-payment
/// payroll costs the same memory as one payment. Control sums are computed here at both levels (GrpHdr and PmtInf),
/// amounts use exactly the currency's minor units, invariant culture.
/// </summary>
public static class Pain001Writer
{
    public static void Write(Stream output, Pain001Message message, Pain001Dialect dialect)
    {
        var all = message.PaymentInfos.SelectMany(p => p.Transfers).ToList();
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("Document", dialect.Namespace);
        w.WriteStartElement("CstmrCdtTrfInitn");

        // GrpHdr: MsgId, CreDtTm, NbOfTxs, CtrlSum, InitgPty
        w.WriteStartElement("GrpHdr");
        w.WriteElementString("MsgId", message.MsgId);
        w.WriteElementString("CreDtTm", message.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteElementString("NbOfTxs", all.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("CtrlSum", Sum(all));
        w.WriteStartElement("InitgPty");
        w.WriteElementString("Nm", Text(message.InitiatingParty, 140));
        w.WriteEndElement();
        w.WriteEndElement();

        foreach (var info in message.PaymentInfos)
        {
            w.WriteStartElement("PmtInf");
            w.WriteElementString("PmtInfId", info.PmtInfId);
            w.WriteElementString("PmtMtd", "TRF");
            w.WriteElementString("BtchBookg", dialect.BatchBooking ? "true" : "false");
            w.WriteElementString("NbOfTxs", info.Transfers.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CtrlSum", Sum(info.Transfers));
            if (info.Transfers.Count > 0 && info.Transfers[0].CategoryPurpose is { } purpose)
            {
                // PmtTpInf/CtgyPurp/Cd, e.g. SALA for payroll.
                w.WriteStartElement("PmtTpInf");
                w.WriteStartElement("CtgyPurp");
                w.WriteElementString("Cd", purpose);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            var date = info.ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (dialect.IsV03)
            {
                w.WriteElementString("ReqdExctnDt", date);
            }
            else
            {
                w.WriteStartElement("ReqdExctnDt");
                w.WriteElementString("Dt", date);
                w.WriteEndElement();
            }
            w.WriteStartElement("Dbtr");
            w.WriteElementString("Nm", Text(info.Debtor.Name, 140));
            w.WriteEndElement();
            Account(w, "DbtrAcct", info.Debtor);
            Agent(w, "DbtrAgt", info.Debtor.Bic, dialect);
            if (dialect.ChargeBearerSlev)
            {
                w.WriteElementString("ChrgBr", "SLEV");
            }
            foreach (var t in info.Transfers)
            {
                w.WriteStartElement("CdtTrfTxInf");
                w.WriteStartElement("PmtId");
                w.WriteElementString("EndToEndId", t.EndToEndId);
                w.WriteEndElement();
                w.WriteStartElement("Amt");
                w.WriteStartElement("InstdAmt");
                w.WriteAttributeString("Ccy", t.Currency);
                w.WriteString(Amount(t.Amount, t.MinorUnits));
                w.WriteEndElement();
                w.WriteEndElement();
                if (t.Creditor.Bic is not null)
                {
                    Agent(w, "CdtrAgt", t.Creditor.Bic, dialect);
                }
                w.WriteStartElement("Cdtr");
                w.WriteElementString("Nm", Text(t.Creditor.Name, 140));
                w.WriteEndElement();
                Account(w, "CdtrAcct", t.Creditor);
                if (!string.IsNullOrEmpty(t.Remittance))
                {
                    w.WriteStartElement("RmtInf");
                    w.WriteElementString("Ustrd", Text(t.Remittance, 140));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    public static string Amount(decimal amount, int minorUnits) =>
        decimal.Round(amount, minorUnits).ToString("F" + minorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // CtrlSum is a DecimalNumber across currencies: the plain sum, with as many decimals as the largest minor unit.
    private static string Sum(IReadOnlyCollection<Pain001Transfer> transfers) =>
        Amount(transfers.Sum(t => t.Amount), transfers.Count == 0 ? 2 : transfers.Max(t => t.MinorUnits));

    private static void Account(XmlWriter w, string name, Pain001Party party)
    {
        w.WriteStartElement(name);
        w.WriteStartElement("Id");
        if (party.Iban is not null)
        {
            w.WriteElementString("IBAN", party.Iban);
        }
        else
        {
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", party.OtherId ?? "");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Agent(XmlWriter w, string name, string? bic, Pain001Dialect dialect)
    {
        w.WriteStartElement(name);
        w.WriteStartElement("FinInstnId");
        if (bic is not null)
        {
            w.WriteElementString(dialect.IsV03 ? "BIC" : "BICFI", bic);
        }
        else
        {
            // Without a BIC (IBAN-only SEPA), the agent is "NOTPROVIDED".
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", "NOTPROVIDED");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static string Text(string value, int max) => value.Length <= max ? value : value[..max];
}
