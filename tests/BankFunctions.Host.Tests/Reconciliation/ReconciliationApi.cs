using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Reconciliation;

/// <summary>Calls of the reconciliation report and the transactions export, and a small camt.053 to import.</summary>
public static class ReconciliationApi
{
    public static string Report(string account, string from, string to) => $"v1/accounts/{account}/reconciliation?from={from}&to={to}";

    public static string Export(string account, string from, string to, string format) => $"v1/accounts/{account}/transactions/export?from={from}&to={to}&format={format}";

    public static async Task<JsonElement> ReportJsonAsync(HttpClient viewer, string account, string from, string to)
    {
        var response = await viewer.GetAsync(Report(account, from, to));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<(HttpResponseMessage Response, string Body)> GetTextAsync(HttpClient client, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> ImportAsync(HttpClient admin, string account, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "application/xml");
        var response = await admin.PostAsync($"v1/accounts/{account}/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>One booked entry of a hand-made statement: signed amount, the bank's reference, a counterparty name.</summary>
    public sealed record Booked(decimal Amount, string Reference, string Name, string Remittance);

    /// <summary>A camt.053.001.08 file with one day statement per (day, opening, entries): closing = opening + entries.</summary>
    public static string Camt053(string iban, params (string Day, decimal Opening, Booked[] Entries)[] days)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>T1</MsgId><CreDtTm>2026-11-05T08:00:00Z</CreDtTm></GrpHdr>""");
        foreach (var (day, opening, entries) in days)
        {
            var closing = opening + entries.Sum(e => e.Amount);
            xml.Append(CultureInfo.InvariantCulture, $"<Stmt><Id>S-{day}</Id><CreDtTm>2026-11-05T08:00:00Z</CreDtTm><FrToDt><FrDtTm>{day}T00:00:00Z</FrDtTm><ToDtTm>{day}T23:59:59Z</ToDtTm></FrToDt>");
            xml.Append(CultureInfo.InvariantCulture, $"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>");
            xml.Append(Balance("OPBD", opening, day)).Append(Balance("CLBD", closing, day));
            foreach (var e in entries)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<Ntry><Amt Ccy=\"EUR\">{Math.Abs(e.Amount):0.00}</Amt><CdtDbtInd>{(e.Amount < 0 ? "DBIT" : "CRDT")}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>");
                xml.Append(CultureInfo.InvariantCulture, $"<BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{e.Reference}</AcctSvcrRef>");
                xml.Append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>");
                var role = e.Amount < 0 ? "Cdtr" : "Dbtr";
                xml.Append(CultureInfo.InvariantCulture, $"<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><{role}><Pty><Nm>{e.Name}</Nm></Pty></{role}></RltdPties><RmtInf><Ustrd>{e.Remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>");
            }
            xml.Append("</Stmt>");
        }
        return xml.Append("</BkToCstmrStmt></Document>").ToString();
    }

    private static string Balance(string type, decimal value, string day) => string.Create(CultureInfo.InvariantCulture,
        $"<Bal><Tp><CdOrPrtry><Cd>{type}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{Math.Abs(value):0.00}</Amt><CdtDbtInd>{(value < 0 ? "DBIT" : "CRDT")}</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>");
}
