using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using BankSim.Iso;
using Xunit;

namespace BankSim.Tests;

/// <summary>POST /_sim/accounts/{bank}/{account}/credits: money from outside the bank, in the statements with payer and remittance.</summary>
[Collection(BankSimCollection.Name)]
public sealed class IncomingCreditTests(BankSimFixture sim)
{
    private static readonly XNamespace Camt053 = Schemas.Camt053V08;

    [Fact]
    public async Task A_credit_is_booked_with_its_payer_and_remittance_and_the_statement_stays_schema_valid()
    {
        var customer = await IsoClient.CreateAsync(sim, balance: "100.00");
        var booked = await sim.Client.PostAsJsonAsync($"_sim/accounts/simbank-iso/{customer.DebtorIban}/credits",
            new { amount = "250.00", remittance = "RF18 5390 0754 7034", counterpartyName = "ACME GmbH", counterpartyAccount = "NL91ABNA0417164300" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var xml = await sim.Client.GetByteArrayAsync($"iso/v1/accounts/{customer.DebtorIban}/statements");
        Assert.Equal([], Schemas.Validate(xml, Schemas.Camt053V08));
        var entry = XDocument.Load(new MemoryStream(xml)).Descendants(Camt053 + "Ntry").Single();
        Assert.Equal("CRDT", entry.Element(Camt053 + "CdtDbtInd")!.Value);
        Assert.Equal("250.00", entry.Element(Camt053 + "Amt")!.Value);
        Assert.Equal("ACME GmbH", entry.Descendants(Camt053 + "Dbtr").Descendants(Camt053 + "Nm").Single().Value);
        Assert.Equal("RF18 5390 0754 7034", entry.Descendants(Camt053 + "Ustrd").Single().Value);
        var account = await sim.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"_sim/accounts/simbank-iso/{customer.DebtorIban}");
        Assert.Equal("350.00", account.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task A_bad_amount_is_a_400_and_an_unknown_account_a_404()
    {
        var customer = await IsoClient.CreateAsync(sim);
        Assert.Equal(HttpStatusCode.BadRequest, (await sim.Client.PostAsJsonAsync($"_sim/accounts/simbank-iso/{customer.DebtorIban}/credits", new { amount = "-1.00" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await sim.Client.PostAsJsonAsync($"_sim/accounts/simbank-iso/{customer.DebtorIban}/credits", new { amount = "1.001" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Client.PostAsJsonAsync("_sim/accounts/simbank-iso/DE00NOSUCHACCOUNT/credits", new { amount = "1.00" })).StatusCode);
    }
}
