using System.Globalization;
using System.Text;
using System.Xml;
using BankSim.Sim;

namespace BankSim.Iso;

/// <summary>
/// Bank-to-customer cash management messages, version .08: statements (camt.053, one per day), intraday reports
/// (camt.052) and debit/credit notifications (camt.054, returns with RtrInf). Balances are consistent by
/// construction: opening (OPBD) + the day's entries = closing (CLBD).
/// </summary>
public static class CamtWriter
{
    public enum Kind { Statement, Report, Notification }

    public static byte[] Write(Kind kind, SimAccount account, DateOnly from, DateOnly to, DateTimeOffset now, Func<Booking, bool>? filter = null)
    {
        var (ns, root, block) = kind switch
        {
            Kind.Statement => (Schemas.Camt053V08, "BkToCstmrStmt", "Stmt"),
            Kind.Report => (Schemas.Camt052V08, "BkToCstmrAcctRpt", "Rpt"),
            _ => (Schemas.Camt054V08, "BkToCstmrDbtCdtNtfctn", "Ntfctn"),
        };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Document", ns);
            w.WriteStartElement(root);
            w.WriteStartElement("GrpHdr");
            w.WriteElementString("MsgId", $"{block.ToUpperInvariant()}{now:yyyyMMddHHmmssfff}");
            w.WriteElementString("CreDtTm", Pain002Writer.Time(now));
            w.WriteEndElement();

            // camt.053: one statement per day; camt.052/054: one block for the whole range.
            var days = kind == Kind.Statement
                ? Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => (From: from.AddDays(i), To: from.AddDays(i))).ToList()
                : [(from, to)];
            foreach (var (dayFrom, dayTo) in days)
            {
                var entries = account.Bookings.Where(b => b.BookingDate >= dayFrom && b.BookingDate <= dayTo && (filter?.Invoke(b) ?? true)).ToList();
                w.WriteStartElement(block);
                // Max35Text: statements are named by account and day, reports and notifications by creation time.
                w.WriteElementString("Id", kind == Kind.Statement
                    ? $"{account.Number}-{dayFrom:yyyyMMdd}"
                    : $"{block.ToUpperInvariant()}{now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}");
                if (kind == Kind.Statement)
                {
                    w.WriteElementString("ElctrncSeqNb", dayFrom.DayNumber.ToString(CultureInfo.InvariantCulture));
                }
                w.WriteElementString("CreDtTm", Pain002Writer.Time(now));
                w.WriteStartElement("FrToDt");
                w.WriteElementString("FrDtTm", $"{dayFrom:yyyy-MM-dd}T00:00:00Z");
                w.WriteElementString("ToDtTm", $"{dayTo:yyyy-MM-dd}T23:59:59Z");
                w.WriteEndElement();
                Account(w, account);
                if (kind != Kind.Notification)
                {
                    var opening = account.BalanceBefore(dayFrom);
                    Balance(w, "OPBD", opening, account.Currency, dayFrom);
                    Balance(w, kind == Kind.Statement ? "CLBD" : "ITBD", opening + entries.Sum(e => e.Amount), account.Currency, dayTo);
                }
                foreach (var entry in entries)
                {
                    Entry(w, entry, account);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Account(XmlWriter w, SimAccount account)
    {
        w.WriteStartElement("Acct");
        w.WriteStartElement("Id");
        if (account.Number.Length >= 15 && char.IsAsciiLetter(account.Number[0]) && char.IsAsciiLetter(account.Number[1]))
        {
            w.WriteElementString("IBAN", account.Number);
        }
        else
        {
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", account.Number);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteElementString("Ccy", account.Currency);
        w.WriteEndElement();
    }

    private static void Balance(XmlWriter w, string type, decimal amount, string currency, DateOnly date)
    {
        w.WriteStartElement("Bal");
        w.WriteStartElement("Tp");
        w.WriteStartElement("CdOrPrtry");
        w.WriteElementString("Cd", type);
        w.WriteEndElement();
        w.WriteEndElement();
        Amount(w, Math.Abs(amount), currency);
        w.WriteElementString("CdtDbtInd", amount < 0 ? "DBIT" : "CRDT");
        w.WriteStartElement("Dt");
        w.WriteElementString("Dt", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Entry(XmlWriter w, Booking entry, SimAccount account)
    {
        var debit = entry.Amount < 0;
        w.WriteStartElement("Ntry");
        w.WriteElementString("NtryRef", entry.AcctSvcrRef);
        Amount(w, Math.Abs(entry.Amount), account.Currency);
        w.WriteElementString("CdtDbtInd", debit ? "DBIT" : "CRDT");
        w.WriteStartElement("Sts");
        w.WriteElementString("Cd", "BOOK");
        w.WriteEndElement();
        foreach (var name in new[] { "BookgDt", "ValDt" })
        {
            w.WriteStartElement(name);
            w.WriteElementString("Dt", entry.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteElementString("AcctSvcrRef", entry.AcctSvcrRef);
        BankTransactionCode(w, entry.IsReturn ? "ICDT" : debit ? "ICDT" : "RCDT", entry.IsReturn ? "RRTN" : "ESCT");
        w.WriteStartElement("NtryDtls");
        if (entry.Details.Count > 1)
        {
            w.WriteStartElement("Btch");
            w.WriteElementString("NbOfTxs", entry.Details.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        foreach (var d in entry.Details)
        {
            w.WriteStartElement("TxDtls");
            w.WriteStartElement("Refs");
            if (d.MsgId is not null) w.WriteElementString("MsgId", d.MsgId);
            w.WriteElementString("AcctSvcrRef", entry.AcctSvcrRef);
            if (d.PmtInfId is not null) w.WriteElementString("PmtInfId", d.PmtInfId);
            w.WriteElementString("EndToEndId", d.EndToEndId ?? "NOTPROVIDED");
            w.WriteEndElement();
            Amount(w, d.Amount, account.Currency);
            w.WriteElementString("CdtDbtInd", debit ? "DBIT" : "CRDT");
            if (!string.IsNullOrEmpty(d.CounterpartyName) || !string.IsNullOrEmpty(d.CounterpartyAccount))
            {
                w.WriteStartElement("RltdPties");
                var role = debit || entry.IsReturn ? "Cdtr" : "Dbtr";
                w.WriteStartElement(role);
                w.WriteStartElement("Pty");
                w.WriteElementString("Nm", Truncate(d.CounterpartyName, 140));
                w.WriteEndElement();
                w.WriteEndElement();
                if (!string.IsNullOrEmpty(d.CounterpartyAccount))
                {
                    w.WriteStartElement(role + "Acct");
                    w.WriteStartElement("Id");
                    if (d.CounterpartyAccount.Length >= 15 && char.IsAsciiLetter(d.CounterpartyAccount[0]))
                    {
                        w.WriteElementString("IBAN", d.CounterpartyAccount);
                    }
                    else
                    {
                        w.WriteStartElement("Othr");
                        w.WriteElementString("Id", d.CounterpartyAccount);
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            if (!string.IsNullOrEmpty(d.Remittance))
            {
                w.WriteStartElement("RmtInf");
                w.WriteElementString("Ustrd", Truncate(d.Remittance, 140));
                w.WriteEndElement();
            }
            if (d.ReturnReason is { } reason)
            {
                w.WriteStartElement("RtrInf");
                w.WriteStartElement("Rsn");
                w.WriteElementString("Cd", reason);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void BankTransactionCode(XmlWriter w, string family, string subFamily)
    {
        w.WriteStartElement("BkTxCd");
        w.WriteStartElement("Domn");
        w.WriteElementString("Cd", "PMNT");
        w.WriteStartElement("Fmly");
        w.WriteElementString("Cd", family);
        w.WriteElementString("SubFmlyCd", subFamily);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Amount(XmlWriter w, decimal amount, string currency)
    {
        w.WriteStartElement("Amt");
        w.WriteAttributeString("Ccy", currency);
        w.WriteString(amount.ToString("0.00###", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
