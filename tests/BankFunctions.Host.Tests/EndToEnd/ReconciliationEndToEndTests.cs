using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using BankFunctions.Formats.Statements;
using BankSim.Iso;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;
using static BankFunctions.Host.Tests.Reconciliation.ReconciliationApi;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Issue #17 "the report's balances equal the statement's": BankSim books a payment of ours and two incoming credits
/// (one settles an expected payment), the pull stores them, BankSim's camt.053 of the day is imported; the report's
/// booked opening and closing equal that statement's, its tallies split matched from unmatched, and the day's camt.053
/// export is XSD-valid and reads back to the stored entries.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReconciliationEndToEndTests(EndToEndFixture e2e)
{
    private static readonly XNamespace Camt = Schemas.Camt053V08;

    [Fact]
    public async Task BankSim_day_pulled_and_its_statement_imported_gives_the_statements_balances_and_tallies()
    {
        var o = await e2e.OnboardAsync(isoBalance: "1000.00");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var payment = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        await e2e.WaitForAsync(o.Tenant, payment, TimeSpan.FromSeconds(40), "completed");
        var expected = await CreatedIdAsync(submitter, Credit(o.EurAccount, "300.00", "RF18 5390 0754 7034", from: Day(-5), to: Day(5)));
        await CreditAsync(o.IsoIban, "300.00", "RF18 5390 0754 7034");
        await CreditAsync(o.IsoIban, "40.00", "no reference at all");

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        await WaitUntilAsync(async () => (await GetAsync(viewer, expected)).GetProperty("status").GetString() == "reconciled");
        await WaitUntilAsync(async () => (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.EurAccount}/transactions"))
            .GetProperty("items").EnumerateArray().Count(t => t.GetProperty("matched").GetBoolean()) == 1);

        // The bank's final statement of the day (BankSim's day may differ from UTC's: take the day it books on).
        var statementXml = await (await e2e.Bank.GetAsync($"iso/v1/accounts/{o.IsoIban}/statements")).Content.ReadAsStringAsync();
        var stmt = XDocument.Parse(statementXml).Descendants(Camt + "Stmt").Last();
        var bankDay = stmt.Element(Camt + "FrToDt")!.Element(Camt + "FrDtTm")!.Value[..10];
        var dayBefore = DateOnly.ParseExact(bankDay, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // What the pull alone stored: yesterday's final camt.053 (both balances) and today's camt.052 intraday report
        // (the booked opening; the closing needs the final statement).
        List<JsonElement> pulled = [];
        await WaitUntilAsync(async () => (pulled = (await ReportJsonAsync(viewer, o.EurAccount, dayBefore, bankDay)).GetProperty("days").EnumerateArray().ToList())
            .All(d => d.TryGetProperty("openingBooked", out _)));
        Assert.Equal(("1000.00", "1000.00"), (pulled[0].GetProperty("openingBooked").GetString(), pulled[0].GetProperty("closingBooked").GetString()));
        Assert.StartsWith("camt.053", pulled[0].GetProperty("closingSource").GetString(), StringComparison.Ordinal);
        Assert.Equal("1000.00", pulled[1].GetProperty("openingBooked").GetString());
        Assert.StartsWith("camt.052", pulled[1].GetProperty("openingSource").GetString(), StringComparison.Ordinal);
        Assert.False(pulled[1].TryGetProperty("closingBooked", out _));

        await ImportAsync(admin, o.EurAccount, statementXml);

        var report = await ReportJsonAsync(viewer, o.EurAccount, bankDay, bankDay);
        var day = Assert.Single(report.GetProperty("days").EnumerateArray());
        Assert.Equal(BalanceOf(stmt, "OPBD"), day.GetProperty("openingBooked").GetString());
        Assert.Equal(BalanceOf(stmt, "CLBD"), day.GetProperty("closingBooked").GetString());
        Assert.Equal("1000.00", day.GetProperty("openingBooked").GetString());
        Assert.Equal("1090.00", day.GetProperty("closingBooked").GetString());
        // Our payment (tied to it) and the credit that settled the expected payment are matched; the other credit is not.
        Assert.Equal((2, "50.00"), (day.GetProperty("matched").GetProperty("count").GetInt32(), day.GetProperty("matched").GetProperty("sum").GetString()));
        Assert.Equal((1, "40.00"), (day.GetProperty("unmatched").GetProperty("count").GetInt32(), day.GetProperty("unmatched").GetProperty("sum").GetString()));
        Assert.Equal("0.00", day.GetProperty("unexplained").GetString());

        var (csvResponse, csv) = await GetTextAsync(viewer, Report(o.EurAccount, bankDay, bankDay), "text/csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith($"{bankDay},EUR,1000.00,1090.00,2,50.00,1,40.00,0,0.00,0.00,", rows[1], StringComparison.Ordinal);

        var (xmlResponse, xml) = await GetTextAsync(viewer, Export(o.EurAccount, bankDay, bankDay, "camt.053"));
        Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal([], Schemas.Validate(bytes, Schemas.Camt053V08));
        var exported = Assert.Single(StatementParser.Parse(new MemoryStream(bytes), "export.xml").Statements);
        Assert.Empty(exported.Warnings);
        var stored = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.EurAccount}/transactions")).GetProperty("items").EnumerateArray()
            .Select(t => (decimal.Parse(t.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture), t.GetProperty("bankReference").GetString(),
                t.TryGetProperty("endToEndId", out var e2eId) ? e2eId.GetString() : null))
            .OrderBy(t => t.Item2, StringComparer.Ordinal).ToList();
        Assert.Equal(3, stored.Count);
        Assert.Equal(stored, exported.Entries.Select(e => (e.Amount, e.BankReference, e.EndToEndId)).OrderBy(t => t.BankReference, StringComparer.Ordinal));
    }

    /// <summary>A camt Bal's signed value as the API writes money.</summary>
    private static string BalanceOf(XElement stmt, string type)
    {
        var bal = stmt.Elements(Camt + "Bal").Single(b => b.Descendants(Camt + "Cd").First().Value == type);
        var value = decimal.Parse(bal.Element(Camt + "Amt")!.Value, CultureInfo.InvariantCulture);
        return (bal.Element(Camt + "CdtDbtInd")!.Value == "DBIT" ? -value : value).ToString("F2", CultureInfo.InvariantCulture);
    }

    private async Task CreditAsync(string iban, string amount, string remittance)
    {
        var response = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{iban}/credits",
            new { amount, remittance, counterpartyName = "Payer BV", counterpartyAccount = "NL02RABO0123456789" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(40));
}
