using System.Text;
using System.Text.Json.Nodes;
using BankSim.Cmb;
using Xunit;

namespace BankSim.Tests;

[Collection(BankSimCollection.Name)]
public sealed class CmbBankTests(BankSimFixture sim)
{
    private static string Account() => "7559" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Payment_executes_once_and_a_reused_yurref_is_NCB4241_even_concurrently()
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, accounts: debtor);
        var yurRef = "Y" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.CallAsync("BB1PAYOP", CmbClient.Payment(yurRef, debtor, "6225880112345678", "1250.00"))));
        var items = results.Select(r => r["response"]!["body"]!["bb1payopz1"]![0]!.AsObject()).ToList();
        Assert.Single(items, i => i["errCod"]!.GetValue<string>() == "");
        Assert.Equal(19, items.Count(i => i["errCod"]!.GetValue<string>() == "NCB4241" && i["rtnFlg"]!.GetValue<string>() == "F" && i["reqSts"]!.GetValue<string>() == "FIN"));

        var final = await client.WaitForFinalAsync(yurRef);
        Assert.Equal("S", final["rtnFlg"]!.GetValue<string>());
        Assert.Contains($"\"reference\":\"{yurRef}\",\"executions\":1", await sim.Client.GetStringAsync("_sim/ledger"));

        var info = await client.CallAsync("NTQACINF", new JsonObject { ["ntqacinfx"] = new JsonArray(new JsonObject { ["accnbr"] = debtor }) });
        Assert.Equal("98750.00", info["response"]!["body"]!["ntqacinfz"]![0]!["accblv"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("veto", "R")]
    [InlineData("expire", "D")]
    public async Task Bank_side_approver_can_veto_or_let_expire(string behaviour, string flag)
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, behaviour, accounts: debtor);
        var yurRef = "YV" + Guid.NewGuid().ToString("N")[..18];
        await client.CallAsync("BB1PAYOP", CmbClient.Payment(yurRef, debtor, "6225880112345678", "10.00"));
        var final = await client.WaitForFinalAsync(yurRef);
        Assert.Equal(flag, final["rtnFlg"]!.GetValue<string>());
        Assert.Contains($"\"reference\":\"{yurRef}\",\"executions\":0", await sim.Client.GetStringAsync("_sim/ledger"));
    }

    [Fact]
    public async Task Insufficient_funds_is_F_and_details_page_with_a_continuation_key()
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, balance: "60.00", accounts: debtor);
        var refs = Enumerable.Range(0, 61).Select(i => $"YP{Guid.NewGuid().ToString("N")[..10]}{i:D2}").ToList();
        foreach (var r in refs)
        {
            await client.CallAsync("BB1PAYOP", CmbClient.Payment(r, debtor, "6225880112345678", "1.00"));
        }
        var last = await client.WaitForFinalAsync(refs[^1]);
        Assert.Equal("F", last["rtnFlg"]!.GetValue<string>());
        Assert.Equal("CSAC071", last["errCod"]!.GetValue<string>());

        var today = BankSim.Sim.BankDays.Day("simbank-cmb", DateTimeOffset.UtcNow).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var query = new JsonObject { ["sdktsinfx"] = new JsonArray(new JsonObject { ["accnbr"] = debtor, ["bgndat"] = today, ["enddat"] = today }) };
        var page1 = (await client.CallAsync("DCTRSINF", query))["response"]!["body"]!.AsObject();
        Assert.Equal(50, page1["ntqtsinfz"]!.AsArray().Count);
        var key = page1["ntqacctnz"]![0]!["ctnkey"]!.GetValue<string>();
        query["ntqacctny"] = new JsonArray(new JsonObject { ["ctnkey"] = key });
        var page2 = (await client.CallAsync("DCTRSINF", query))["response"]!["body"]!.AsObject();
        Assert.Equal(10, page2["ntqtsinfz"]!.AsArray().Count);
        Assert.Null(page2["ntqacctnz"]);
        Assert.Equal("0.00", page2["ntqtsinfz"]![9]!["blvamt"]!.GetValue<string>());
        Assert.Equal("-1.00", page2["ntqtsinfz"]![9]!["trsamt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payroll_lines_each_have_a_yurref_and_can_be_queried_as_a_batch()
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, accounts: debtor);
        var batch = "PB" + Guid.NewGuid().ToString("N")[..16];
        var body = new JsonObject
        {
            ["bb6bthhlx1"] = new JsonArray(new JsonObject { ["yurRef"] = batch, ["dbtAcc"] = debtor, ["ccyNbr"] = "10", ["ttlAmt"] = "300.00", ["ttlCnt"] = "2", ["nusAge"] = "工资" }),
            ["bb6bthhlx2"] = new JsonArray(
                new JsonObject { ["yurRef"] = batch + "01", ["accNbr"] = "6225880100000001", ["accNam"] = "张三", ["trsAmt"] = "100.00" },
                new JsonObject { ["yurRef"] = batch + "02", ["accNbr"] = "6225880100000002", ["accNam"] = "李四", ["trsAmt"] = "200.00" }),
        };
        var accepted = await client.CallAsync("BB6BTHHL", body);
        Assert.Equal(2, accepted["response"]!["body"]!["bb6bthhlz1"]!.AsArray().Count);
        await client.WaitForFinalAsync(batch + "02");
        var status = await client.CallAsync("BB6BPDQY", new JsonObject { ["bb6bpdqyx1"] = new JsonArray(new JsonObject { ["yurRef"] = batch }) });
        var lines = status["response"]!["body"]!["bb6bpdqyz1"]!.AsArray();
        Assert.Equal(["S", "S"], lines.Select(l => l!["rtnFlg"]!.GetValue<string>()));

        var wrongTotal = body.DeepClone().AsObject();
        wrongTotal["bb6bthhlx1"]![0]!["ttlAmt"] = "301.00";
        wrongTotal["bb6bthhlx1"]![0]!["yurRef"] = batch + "X";
        var refused = await client.CallAsync("BB6BTHHL", wrongTotal);
        Assert.Equal("CSBT001", refused["response"]!["head"]!["resultcode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receipt_is_a_one_page_pdf_with_a_valid_cross_reference_table()
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, accounts: debtor);
        var yurRef = "YR" + Guid.NewGuid().ToString("N")[..18];
        await client.CallAsync("BB1PAYOP", CmbClient.Payment(yurRef, debtor, "6225880112345678", "88.00"));
        await client.WaitForFinalAsync(yurRef);
        var today = BankSim.Sim.BankDays.Day("simbank-cmb", DateTimeOffset.UtcNow).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var details = await client.CallAsync("DCTRSINF", new JsonObject { ["sdktsinfx"] = new JsonArray(new JsonObject { ["accnbr"] = debtor, ["bgndat"] = today, ["enddat"] = today }) });
        var refnbr = details["response"]!["body"]!["ntqtsinfz"]![0]!["refnbr"]!.GetValue<string>();
        Assert.Equal(yurRef, details["response"]!["body"]!["ntqtsinfz"]![0]!["yurref"]!.GetValue<string>());
        var receipt = await client.CallAsync("DCSIGREC", new JsonObject { ["dcsigrecx1"] = new JsonArray(new JsonObject { ["accnbr"] = debtor, ["refnbr"] = refnbr }) });
        var pdf = Convert.FromBase64String(receipt["response"]!["body"]!["dcsigrecz1"]![0]!["fildat"]!.GetValue<string>());
        PdfStructure.AssertValid(pdf, expectedPages: 1, mustContain: [refnbr, "88.00", yurRef]);
    }

    [Fact]
    public async Task Errors_before_decryption_are_plain_text()
    {
        var debtor = Account();
        var client = await CmbClient.CreateAsync(sim, accounts: debtor);
        var envelope = client.Sign(client.Envelope("NTQACINF", new JsonObject { ["ntqacinfx"] = new JsonArray(new JsonObject { ["accnbr"] = debtor }) }));
        envelope["request"]!["body"]!["ntqacinfx"]![0]!["accnbr"] = "tampered";
        var text = await client.PostRawAsync("NTQACINF", Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        Assert.Contains("ErrMsg", text);
        Assert.Contains("signature", text);

        using var unknown = new FormUrlEncodedContent(new Dictionary<string, string> { ["UID"] = "NOBODY", ["FUNCODE"] = "NTQACINF", ["ALG"] = "SM", ["DATA"] = "AAAA" });
        Assert.Contains("CDCServer", await (await sim.Client.PostAsync("cmb", unknown)).Content.ReadAsStringAsync());
    }
}
