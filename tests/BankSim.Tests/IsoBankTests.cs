using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using BankFunctions.TestSupport;
using BankSim.Iso;
using Xunit;

namespace BankSim.Tests;

[Collection(BankSimCollection.Name)]
public sealed class IsoBankTests(BankSimFixture sim)
{
    private static readonly XNamespace Camt053 = Schemas.Camt053V08;

    [Fact]
    public async Task File_is_executed_and_reaches_ACSC_with_schema_valid_reports()
    {
        var customer = await IsoClient.CreateAsync(sim);
        var e2e = "E2E" + Guid.NewGuid().ToString("N")[..20];
        var fileId = await customer.SendOkAsync(Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban,
            [new(e2e, 125.50m, "GB82WEST12345698765432")]));
        var report = await customer.WaitForAsync(fileId, "ACSC");
        Assert.Equal(("ACSC", null), Pain002.Transactions(report)[e2e]);
        Assert.Empty(Schemas.Validate(Encoding.UTF8.GetBytes(report.ToString()), Schemas.Pain002V10));

        var ledger = await sim.Client.GetStringAsync("_sim/ledger");
        Assert.Contains($"\"reference\":\"{e2e}\",\"executions\":1", ledger);
    }

    [Fact]
    public async Task Insufficient_funds_is_RJCT_AM04_and_nothing_is_booked()
    {
        var customer = await IsoClient.CreateAsync(sim, balance: "100.00");
        var fileId = await customer.SendOkAsync(Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban,
            [new("E2E-POOR", 100.01m, "GB82WEST12345698765432")]));
        var report = await customer.WaitForAsync(fileId, "RJCT");
        Assert.Equal(("RJCT", "AM04"), Pain002.Transactions(report)["E2E-POOR"]);
    }

    [Fact]
    public async Task Partial_acceptance_when_only_some_transactions_fit()
    {
        var customer = await IsoClient.CreateAsync(sim, balance: "150.00");
        var fileId = await customer.SendOkAsync(Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban,
            [new("E2E-A", 100m, "GB82WEST12345698765432"), new("E2E-B", 100m, "GB82WEST12345698765432")]));
        await customer.WaitForAsync(fileId, "PART");
        // The accepted one settles after the rejection is known: poll for it rather than guess how long that takes.
        var txs = Pain002.Transactions(await customer.StatusAsync(fileId));
        for (var deadline = DateTime.UtcNow.AddSeconds(15); txs["E2E-A"].Status != "ACSC" && DateTime.UtcNow < deadline; txs = Pain002.Transactions(await customer.StatusAsync(fileId)))
        {
            await Task.Delay(50);
        }
        Assert.Equal("ACSC", txs["E2E-A"].Status);
        Assert.Equal(("RJCT", "AM04"), txs["E2E-B"]);
    }

    [Theory]
    [InlineData(null, 3, "AM18")]
    [InlineData("999.99", null, "AM10")]
    public async Task Wrong_count_or_control_sum_rejects_the_group(string? ctrlSum, int? count, string reason)
    {
        var customer = await IsoClient.CreateAsync(sim);
        var fileId = await customer.SendOkAsync(Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban,
            [new("E2E-1", 10m, "GB82WEST12345698765432"), new("E2E-2", 20m, "GB82WEST12345698765432")],
            ctrlSumOverride: ctrlSum is null ? null : decimal.Parse(ctrlSum, CultureInfo.InvariantCulture), countOverride: count));
        var report = await customer.StatusAsync(fileId);
        Assert.Equal("RJCT", Pain002.GroupStatus(report));
        Assert.Contains(report.Descendants(), e => e.Name.LocalName == "Cd" && e.Value == reason);
    }

    [Fact]
    public async Task Bad_signature_is_401_and_invalid_schema_is_400_with_pain002_FF01()
    {
        var customer = await IsoClient.CreateAsync(sim);
        var body = Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban, [new("E2E-1", 10m, "GB82WEST12345698765432")]);
        var tampered = (byte[])body.Clone();
        tampered[^20] ^= 1;
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.SendAsync(tampered, signature: customer.Sign(body))).StatusCode);

        var invalid = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>XXX</PmtMtd>", StringComparison.Ordinal));
        var response = await customer.SendAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var pain002 = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(Schemas.Validate(pain002, Schemas.Pain002V10));
        Assert.Contains("<Cd>FF01</Cd>", Encoding.UTF8.GetString(pain002));
    }

    [Fact]
    public async Task Reused_MsgId_is_409_with_the_original_file_and_never_executes_twice_even_concurrently()
    {
        var customer = await IsoClient.CreateAsync(sim);
        var e2e = "E2E" + Guid.NewGuid().ToString("N")[..20];
        var body = Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], customer.DebtorIban, [new(e2e, 10m, "GB82WEST12345698765432")]);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => customer.SendAsync(body)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var ids = await Task.WhenAll(responses.Select(async r => System.Text.Json.JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("fileId").GetString()));
        Assert.Single(ids.Distinct());
        await customer.WaitForAsync(ids[0]!, "ACSC");
        Assert.Contains($"\"reference\":\"{e2e}\",\"executions\":1", await sim.Client.GetStringAsync("_sim/ledger"));
    }

    [Fact]
    public async Task Statement_is_schema_valid_balanced_and_carries_references_and_batch_details()
    {
        var inHouse = Ibans.Next();
        var customer = await IsoClient.CreateAsync(sim, balance: "1000.00", creditorIban: inHouse);
        var msgId = "MSG" + Guid.NewGuid().ToString("N")[..20];
        var fileId = await customer.SendOkAsync(Pain001Builder.Build(msgId, customer.DebtorIban,
            [new("E2E-S1", 100m, "GB82WEST12345698765432", "Supplier One"), new("E2E-S2", 50.25m, inHouse, "Supplier Two")], batchBooking: true));
        await customer.WaitForAsync(fileId, "ACSC");

        var xml = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/statements");
        Assert.Equal([], Schemas.Validate(xml, Schemas.Camt053V08));
        var doc = XDocument.Load(new MemoryStream(xml));
        var stmt = doc.Descendants(Camt053 + "Stmt").Single();
        decimal Bal(string type)
        {
            var bal = stmt.Elements(Camt053 + "Bal").Single(b => b.Descendants(Camt053 + "Cd").First().Value == type);
            var amount = decimal.Parse(bal.Element(Camt053 + "Amt")!.Value, CultureInfo.InvariantCulture);
            return bal.Element(Camt053 + "CdtDbtInd")!.Value == "DBIT" ? -amount : amount;
        }
        var entries = stmt.Elements(Camt053 + "Ntry").Sum(n =>
            decimal.Parse(n.Element(Camt053 + "Amt")!.Value, CultureInfo.InvariantCulture) * (n.Element(Camt053 + "CdtDbtInd")!.Value == "DBIT" ? -1 : 1));
        Assert.Equal(1000m, Bal("OPBD"));
        Assert.Equal(Bal("OPBD") + entries, Bal("CLBD"));
        Assert.Equal(849.75m, Bal("CLBD"));

        var batch = stmt.Elements(Camt053 + "Ntry").Single();
        Assert.False(string.IsNullOrEmpty(batch.Element(Camt053 + "AcctSvcrRef")!.Value));
        var details = batch.Descendants(Camt053 + "TxDtls").ToList();
        Assert.Equal(2, details.Count);
        Assert.Equal(["E2E-S1", "E2E-S2"], details.Select(d => d.Descendants(Camt053 + "EndToEndId").Single().Value));

        // The in-house creditor sees the credit.
        var credit = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{inHouse}/statements");
        Assert.Contains("E2E-S2", Encoding.UTF8.GetString(credit));

        var report = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/reports");
        Assert.Equal("", string.Join("|", Schemas.Validate(report, Schemas.Camt052V08)));
        var notifications = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/notifications");
        Assert.Equal("", string.Join("|", Schemas.Validate(notifications, Schemas.Camt054V08)));

        var mt940 = await sim.Client.GetStringAsync($"iso/v1/accounts/{customer.DebtorIban}/mt940");
        Assert.Contains(":60F:C", mt940);
        Assert.Contains("D150,25NTRF", mt940);
        Assert.Contains(":62F:C", mt940);
        Assert.Contains("849,75", mt940);
    }
}
