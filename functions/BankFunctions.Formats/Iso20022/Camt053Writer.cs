using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Iso20022;

/// <summary>The one statement of an exported camt.053: its window, account and the booked balances that bound it.</summary>
public sealed record Camt053Statement(
    string MessageId, DateTimeOffset CreatedAt, string StatementId, DateOnly From, DateOnly To, string Account, string Currency, int MinorUnits,
    decimal OpeningBooked, decimal ClosingBooked);

/// <summary>
/// Writes a bank-to-customer statement, camt.053.001.08, one element at a time with <see cref="XmlWriter"/> (no DOM: an
/// export of a year costs the memory of one entry). Call <see cref="WriteStart"/>, <see cref="WriteEntry"/> per entry,
/// then <see cref="WriteEnd"/>. Element order and lengths follow the camt.053.001.08 XSD (AccountStatement9,
/// ReportEntry10, EntryTransaction10); texts longer than the XSD allows are cut (Max35Text, Max140Text), remittance
/// longer than 140 characters is split over several Ustrd. What it writes reads back through our own camt reader to the
/// same entries.
/// </summary>
public static partial class Camt053Writer
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    public static XmlWriterSettings Settings { get; } = new() { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };

    /// <summary>Document, GrpHdr and the statement up to its balances (OPBD dated <c>From</c>, CLBD dated <c>To</c>).</summary>
    public static void WriteStart(XmlWriter w, Camt053Statement s)
    {
        w.WriteStartDocument();
        w.WriteStartElement("Document", Namespace);
        w.WriteStartElement("BkToCstmrStmt");
        w.WriteStartElement("GrpHdr");
        w.WriteElementString("MsgId", Max(s.MessageId, 35));
        w.WriteElementString("CreDtTm", Time(s.CreatedAt));
        w.WriteEndElement();
        w.WriteStartElement("Stmt");
        w.WriteElementString("Id", Max(s.StatementId, 35));
        w.WriteElementString("CreDtTm", Time(s.CreatedAt));
        w.WriteStartElement("FrToDt");
        w.WriteElementString("FrDtTm", Day(s.From) + "T00:00:00");
        w.WriteElementString("ToDtTm", Day(s.To) + "T23:59:59");
        w.WriteEndElement();
        w.WriteStartElement("Acct");
        Account(w, s.Account);
        w.WriteElementString("Ccy", s.Currency);
        w.WriteEndElement();
        Balance(w, "OPBD", s.OpeningBooked, s.Currency, s.MinorUnits, s.From);
        Balance(w, "CLBD", s.ClosingBooked, s.Currency, s.MinorUnits, s.To);
    }

    /// <summary>One Ntry (ReportEntry10): booked or pending, with one TxDtls per transaction (the entry's own fields when it has none).</summary>
    public static void WriteEntry(XmlWriter w, StatementEntry e, string currency, int minorUnits)
    {
        var credit = e.Amount >= 0;
        w.WriteStartElement("Ntry");
        Amount(w, e.Amount, e.Currency ?? currency, minorUnits);
        w.WriteElementString("CdtDbtInd", credit ? "CRDT" : "DBIT");
        if (e.IsReversal)
        {
            w.WriteElementString("RvslInd", "true");
        }
        w.WriteStartElement("Sts");
        w.WriteElementString("Cd", e.Status == EntryStatus.Pending ? "PDNG" : "BOOK");
        w.WriteEndElement();
        DateElement(w, "BookgDt", e.BookingDate);
        DateElement(w, "ValDt", e.ValueDate);
        if (e.BankReference is { Length: > 0 } reference)
        {
            w.WriteElementString("AcctSvcrRef", Max(reference, 35));
        }
        BankTransactionCode(w, e.BankTransactionCode, required: true);
        var details = e.Details.Count > 0 ? e.Details : [Single(e)];
        w.WriteStartElement("NtryDtls");
        if (details.Count > 1)
        {
            w.WriteStartElement("Btch");
            w.WriteElementString("NbOfTxs", details.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        foreach (var d in details)
        {
            Transaction(w, d, credit, e.IsReversal, currency, minorUnits);
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteEnd(XmlWriter w)
    {
        w.WriteEndElement(); // Stmt
        w.WriteEndElement(); // BkToCstmrStmt
        w.WriteEndElement(); // Document
        w.WriteEndDocument();
    }

    private static EntryDetail Single(StatementEntry e) => new()
    {
        BankReference = e.BankReference, EndToEndId = e.EndToEndId, Uetr = e.Uetr, CustomerReference = e.CustomerReference,
        Counterparty = e.Counterparty, RemittanceInformation = e.RemittanceInformation, ReturnInfo = e.ReturnInfo,
    };

    /// <summary>EntryTransaction10: Refs, Amt, CdtDbtInd, BkTxCd, RltdPties, RltdAgts, RmtInf, RtrInf in the XSD's order.</summary>
    private static void Transaction(XmlWriter w, EntryDetail d, bool entryCredit, bool reversal, string currency, int minorUnits)
    {
        w.WriteStartElement("TxDtls");
        w.WriteStartElement("Refs");
        OptionalText(w, "AcctSvcrRef", d.BankReference, 35);
        OptionalText(w, "InstrId", d.CustomerReference, 35);
        // EndToEndId is Max35Text; "NOTPROVIDED" is the ISO placeholder our reader takes as absent.
        w.WriteElementString("EndToEndId", Max(d.EndToEndId is { Length: > 0 } e2e ? e2e : "NOTPROVIDED", 35));
        if (d.Uetr is { } uetr && Uetr().IsMatch(uetr))
        {
            w.WriteElementString("UETR", uetr);
        }
        w.WriteEndElement();
        if (d.Amount is { } amount)
        {
            Amount(w, amount, d.Currency ?? currency, minorUnits);
            w.WriteElementString("CdtDbtInd", amount >= 0 ? "CRDT" : "DBIT");
        }
        BankTransactionCode(w, d.BankTransactionCode, required: false);
        // The counterparty is the debtor of a credit and the creditor of a debit; a reversal keeps the original's parties.
        var debtorSide = entryCredit ^ reversal;
        if (d.Counterparty is { } party && (party.Name is { Length: > 0 } || party.Account is { Length: > 0 }))
        {
            w.WriteStartElement("RltdPties");
            var role = debtorSide ? "Dbtr" : "Cdtr";
            if (party.Name is { Length: > 0 } name)
            {
                w.WriteStartElement(role);
                w.WriteStartElement("Pty");
                w.WriteElementString("Nm", Max(name, 140));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            if (party.Account is { Length: > 0 } account)
            {
                w.WriteStartElement(role + "Acct");
                Account(w, account);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (d.Counterparty?.Bank is { Length: > 0 } bank)
        {
            w.WriteStartElement("RltdAgts");
            w.WriteStartElement(debtorSide ? "DbtrAgt" : "CdtrAgt");
            w.WriteStartElement("FinInstnId");
            w.WriteElementString(Bic().IsMatch(bank) ? "BICFI" : "Nm", Max(bank, 140));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        if (d.RemittanceInformation is { Length: > 0 } remittance)
        {
            w.WriteStartElement("RmtInf");
            foreach (var line in UstrdLines(remittance))
            {
                w.WriteElementString("Ustrd", line);
            }
            w.WriteEndElement();
        }
        if (d.ReturnInfo is { Length: > 0 } reason)
        {
            w.WriteStartElement("RtrInf");
            w.WriteStartElement("Rsn");
            // ExternalReturnReason1Code is 1–4 characters (AC04, MS03); anything else is proprietary.
            w.WriteElementString(reason.Length <= 4 ? "Cd" : "Prtry", Max(reason, 35));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>
    /// Max140Text lines, broken at a space where there is one (the space dropped: readers, ours included, join Ustrd lines
    /// with a space, so the text reads back as it was); a word longer than a line is cut.
    /// </summary>
    public static IEnumerable<string> UstrdLines(string text)
    {
        const int Line = 140;
        var rest = text;
        while (rest.Length > Line)
        {
            var space = rest.LastIndexOf(' ', Line);
            var (line, next) = space > 0 ? (rest[..space], rest[(space + 1)..]) : (rest[..Line], rest[Line..]);
            yield return line;
            rest = next;
        }
        yield return rest;
    }

    /// <summary>Our "DOMN-FMLY-SUBF" (how the reader writes Domn/Fmly/SubFmlyCd) back as Domn, anything else as Prtry/Cd.</summary>
    private static void BankTransactionCode(XmlWriter w, string? code, bool required)
    {
        if (code is not { Length: > 0 } && !required)
        {
            return;
        }
        w.WriteStartElement("BkTxCd");
        if (code is not null && DomainCode().Match(code) is { Success: true } m)
        {
            w.WriteStartElement("Domn");
            w.WriteElementString("Cd", m.Groups[1].Value);
            w.WriteStartElement("Fmly");
            w.WriteElementString("Cd", m.Groups[2].Value);
            w.WriteElementString("SubFmlyCd", m.Groups[3].Value);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        else
        {
            w.WriteStartElement("Prtry");
            w.WriteElementString("Cd", Max(code is { Length: > 0 } ? code : "NOTPROVIDED", 35));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Account(XmlWriter w, string account)
    {
        w.WriteStartElement("Id");
        if (Iban().IsMatch(account))
        {
            w.WriteElementString("IBAN", account);
        }
        else
        {
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", Max(account, 34));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Balance(XmlWriter w, string type, decimal amount, string currency, int minorUnits, DateOnly date)
    {
        w.WriteStartElement("Bal");
        w.WriteStartElement("Tp");
        w.WriteStartElement("CdOrPrtry");
        w.WriteElementString("Cd", type);
        w.WriteEndElement();
        w.WriteEndElement();
        Amount(w, amount, currency, minorUnits);
        w.WriteElementString("CdtDbtInd", amount < 0 ? "DBIT" : "CRDT");
        DateElement(w, "Dt", date);
        w.WriteEndElement();
    }

    /// <summary>ActiveOrHistoricCurrencyAndAmount: not negative (the sign is CdtDbtInd), the currency's minor units.</summary>
    private static void Amount(XmlWriter w, decimal amount, string currency, int minorUnits)
    {
        w.WriteStartElement("Amt");
        w.WriteAttributeString("Ccy", currency);
        w.WriteString(Math.Abs(amount).ToString("F" + minorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static void DateElement(XmlWriter w, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            w.WriteStartElement(name);
            w.WriteElementString("Dt", Day(d));
            w.WriteEndElement();
        }
    }

    private static void OptionalText(XmlWriter w, string name, string? value, int max)
    {
        if (value is { Length: > 0 })
        {
            w.WriteElementString(name, Max(value, max));
        }
    }

    private static string Max(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^([A-Z0-9]{4})-([A-Z0-9]{4})-([A-Z0-9]{4})$")]
    private static partial Regex DomainCode();

    /// <summary>IBAN2007Identifier of the XSD.</summary>
    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$")]
    private static partial Regex Iban();

    /// <summary>BICFIDec2014Identifier of the XSD.</summary>
    [GeneratedRegex("^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex Bic();

    /// <summary>UUIDv4Identifier of the XSD.</summary>
    [GeneratedRegex("^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$")]
    private static partial Regex Uetr();
}
