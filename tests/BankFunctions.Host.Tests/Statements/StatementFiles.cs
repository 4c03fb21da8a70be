using System.Globalization;
using System.Text;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>Small, hand-made statement files for import tests (real bank files are covered by the Formats conformance tests).</summary>
public static class StatementFiles
{
    public sealed record Line(DateOnly Date, decimal Amount, string? CustomerReference, string? BankReference, string Text);

    /// <summary>The EUR account of <c>HostFixture.CreateTenantWithAccountsAsync</c>.</summary>
    public const string EurIban = "DE89370400440532013000";

    public static readonly DateOnly Day1 = new(2026, 11, 26);
    public static readonly DateOnly Day2 = new(2026, 11, 27);

    /// <summary>Three lines over two days: a debit with an end-to-end id, a credit, a fee (newest last).</summary>
    public static readonly Line[] ThreeLines =
    [
        new(Day1, -250.00m, "E2E0001", "BREF0001", "Invoice 4711"),
        new(Day1, 100.00m, null, "BREF0002", "Incoming from ACME"),
        new(Day2, -12.50m, null, "BREF0003", "Card fee"),
    ];

    /// <summary>An MT940 statement (SWIFT MT940 field layout): :60F: opening + the lines = :62F: closing unless <paramref name="closingOverride"/>.</summary>
    public static string Mt940(string account, int number, decimal opening, IReadOnlyList<Line> lines, decimal? closingOverride = null, string currency = "EUR")
    {
        var day = lines.Count > 0 ? lines[^1].Date : new DateOnly(2026, 11, 27);
        var text = new StringBuilder();
        text.Append(":20:STMT").Append(number.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        text.Append(":25:").Append(account).Append("\r\n");
        text.Append(":28C:").Append(number.ToString("D5", CultureInfo.InvariantCulture)).Append("/001\r\n");
        text.Append(":60F:").Append(Balance(opening, lines.Count > 0 ? lines[0].Date : day, currency)).Append("\r\n");
        foreach (var l in lines)
        {
            text.Append(":61:").Append(l.Date.ToString("yyMMdd", CultureInfo.InvariantCulture)).Append(l.Date.ToString("MMdd", CultureInfo.InvariantCulture))
                .Append(l.Amount < 0 ? "D" : "C").Append(Swift(Math.Abs(l.Amount))).Append("NTRF").Append(l.CustomerReference ?? "NONREF");
            if (l.BankReference is not null)
            {
                text.Append("//").Append(l.BankReference);
            }
            text.Append("\r\n:86:").Append(l.Text).Append("\r\n");
        }
        var closing = closingOverride ?? opening + lines.Sum(l => l.Amount);
        text.Append(":62F:").Append(Balance(closing, day, currency)).Append("\r\n");
        text.Append(":64:").Append(Balance(closing, day, currency)).Append("\r\n-");
        return text.ToString();
    }

    public sealed record CamtEntry(string AcctSvcrRef, decimal Amount, DateOnly Date, bool Pending, string? EndToEndId = null);

    /// <summary>camt.053.001.08 (statement) or camt.052.001.08 (intraday report) with the given entries.</summary>
    public static string Camt(bool report, string iban, string id, decimal opening, IReadOnlyList<CamtEntry> entries, string currency = "EUR",
        string? openingCurrency = null, string? closingCurrency = null, DateOnly? balanceDay = null)
    {
        var (ns, root, block, closingType) = report
            ? ("urn:iso:std:iso:20022:tech:xsd:camt.052.001.08", "BkToCstmrAcctRpt", "Rpt", "ITBD")
            : ("urn:iso:std:iso:20022:tech:xsd:camt.053.001.08", "BkToCstmrStmt", "Stmt", "CLBD");
        var day = balanceDay ?? (entries.Count > 0 ? entries[^1].Date : new DateOnly(2026, 11, 27));
        var booked = entries.Where(e => !e.Pending).Sum(e => e.Amount);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"{ns}\"><{root}><GrpHdr><MsgId>{id}</MsgId><CreDtTm>{day:yyyy-MM-dd}T18:00:00Z</CreDtTm></GrpHdr>");
        text.Append(CultureInfo.InvariantCulture, $"<{block}><Id>{id}</Id><CreDtTm>{day:yyyy-MM-dd}T18:00:00Z</CreDtTm><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{currency}</Ccy></Acct>");
        text.Append(Bal("OPBD", opening, openingCurrency ?? currency, day)).Append(Bal(closingType, opening + booked, closingCurrency ?? currency, day));
        foreach (var e in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"<Ntry><Amt Ccy=\"{currency}\">{Math.Abs(e.Amount).ToString("0.00", CultureInfo.InvariantCulture)}</Amt><CdtDbtInd>{(e.Amount < 0 ? "DBIT" : "CRDT")}</CdtDbtInd>");
            text.Append(CultureInfo.InvariantCulture, $"<Sts><Cd>{(e.Pending ? "PDNG" : "BOOK")}</Cd></Sts>");
            if (!e.Pending)
            {
                text.Append(CultureInfo.InvariantCulture, $"<BookgDt><Dt>{e.Date:yyyy-MM-dd}</Dt></BookgDt>");
            }
            text.Append(CultureInfo.InvariantCulture, $"<ValDt><Dt>{e.Date:yyyy-MM-dd}</Dt></ValDt><AcctSvcrRef>{e.AcctSvcrRef}</AcctSvcrRef>");
            text.Append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>");
            if (e.EndToEndId is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"<NtryDtls><TxDtls><Refs><EndToEndId>{e.EndToEndId}</EndToEndId></Refs></TxDtls></NtryDtls>");
            }
            text.Append("</Ntry>");
        }
        text.Append(CultureInfo.InvariantCulture, $"</{block}></{root}></Document>");
        return text.ToString();
    }

    private static string Bal(string type, decimal value, string currency, DateOnly day) => string.Create(CultureInfo.InvariantCulture,
        $"<Bal><Tp><CdOrPrtry><Cd>{type}</Cd></CdOrPrtry></Tp><Amt Ccy=\"{currency}\">{Math.Abs(value):0.00}</Amt><CdtDbtInd>{(value < 0 ? "DBIT" : "CRDT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>");

    private static string Balance(decimal value, DateOnly day, string currency) =>
        (value < 0 ? "D" : "C") + day.ToString("yyMMdd", CultureInfo.InvariantCulture) + currency + Swift(Math.Abs(value));

    private static string Swift(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
}
