using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using BankSim.Iso;
using Xunit;

namespace BankSim.Tests;

/// <summary>GET /iso/v1/accounts/{account}/receipts/{reference}: one booked entry's camt.054, the same bytes every time.</summary>
[Collection(BankSimCollection.Name)]
public sealed class IsoReceiptRouteTests(BankSimFixture sim)
{
    private static readonly XNamespace Camt054 = Schemas.Camt054V08;

    [Fact]
    public async Task A_booked_entrys_receipt_is_a_schema_valid_camt054_of_that_entry_alone_and_stable()
    {
        var customer = await IsoClient.CreateAsync(sim, balance: "100.00");
        foreach (var amount in new[] { "10.00", "20.00" })
        {
            Assert.Equal(HttpStatusCode.Created, (await sim.Client.PostAsJsonAsync($"_sim/accounts/simbank-iso/{customer.DebtorIban}/credits",
                new { amount, remittance = "Deposit " + amount, counterpartyName = "Payer BV", counterpartyAccount = "NL91ABNA0417164300" })).StatusCode);
        }
        var statement = XDocument.Load(new MemoryStream(await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/statements")));
        var reference = statement.Descendants().Where(e => e.Name.LocalName == "Ntry").Last().Elements().Single(e => e.Name.LocalName == "AcctSvcrRef").Value;

        var receipt = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/receipts/{reference}");

        Assert.Equal([], Schemas.Validate(receipt, Schemas.Camt054V08));
        var entry = XDocument.Load(new MemoryStream(receipt)).Descendants(Camt054 + "Ntry").Single();
        Assert.Equal(reference, entry.Element(Camt054 + "AcctSvcrRef")!.Value);
        Assert.Equal("20.00", entry.Element(Camt054 + "Amt")!.Value);
        Assert.Equal(receipt, await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/receipts/{reference}"));
    }

    [Fact]
    public async Task An_entry_not_booked_or_an_unknown_account_is_a_404()
    {
        var customer = await IsoClient.CreateAsync(sim);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Client.GetAsync($"iso/v1/accounts/{customer.DebtorIban}/receipts/NOSUCHREF")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Client.GetAsync("iso/v1/accounts/DE00NOSUCHACCOUNT/receipts/X")).StatusCode);
    }
}
