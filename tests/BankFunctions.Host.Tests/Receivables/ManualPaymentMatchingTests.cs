using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Host.Tests.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.DependencyInjection;
using static BankFunctions.Host.Tests.Receivables.ManualMatchingApi;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>
/// POST …/{entryId}/match with paymentIds against Azurite (issue #17): two of our payments of the same money were sent,
/// the bank booked one debit without our reference, so the reconciler could not tell which (ambiguous) and left it; a
/// person ties it to one. The payment completes with the entry's bank reference, /transactions shows the entry matched;
/// bad input and another tenant's payment are field errors that change nothing; unmatch refuses a payment tie.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ManualPaymentMatchingTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private static readonly DateOnly Day = new(2026, 11, 26);

    /// <summary>A payment the dispatcher has sent to the bank (seeded as the dispatcher leaves it: the route under test starts there).</summary>
    private async Task<string> SentPaymentAsync(TestTenant tenant, string account, string amount, string currency = "EUR")
    {
        var id = "pay_" + Guid.NewGuid().ToString("N")[..20];
        var now = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData).AddEntityAsync(new PaymentRow
        {
            PartitionKey = TableKeys.TenantPartition(tenant.Id), RowKey = TableKeys.PaymentRow(id), PaymentId = id, DebtorAccountId = account,
            Bank = "banksim", Currency = currency, Amount = amount, CreditorName = "Supplier GmbH", CreditorIban = "FR1420041010050500013M02606",
            RequestedExecutionDate = Day.AddDays(-1).ToString("yyyy-MM-dd"), ExecutionDate = Day.AddDays(-1).ToString("yyyy-MM-dd"),
            EndToEndId = "E2E" + id[4..16], BankReference = "REF" + id[4..16], Status = "sent",
            StatusHistory = "[{\"status\":\"sent\",\"at\":\"2026-11-25T08:00:00+00:00\"}]", ApprovalsRequired = 0, CreatedBy = "seed",
            CreatedAt = now, UpdatedAt = now,
        });
        return id;
    }

    private async Task<(TestTenant Tenant, string First, string Second, string Entry)> ImportedAsync()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var first = await SentPaymentAsync(tenant, tenant.EurAccount, "250.00");
        var second = await SentPaymentAsync(tenant, tenant.EurAccount, "250.00");
        // The bank booked one of them without our reference: two open payments fit, so the reconciler leaves it.
        var (status, _, text) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount,
            StatementFiles.Mt940(Iban, 1, 1000.00m, [new StatementFiles.Line(Day, -250.00m, null, "BOOK250", "SEPA transfer Supplier GmbH")]));
        Assert.True(status == HttpStatusCode.OK, text);
        var entry = Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount));
        Assert.False(entry.GetProperty("matched").GetBoolean());
        return (tenant, first, second, entry.GetProperty("id").GetString()!);
    }

    private static async Task<string> StatusAsync(HttpClient viewer, string paymentId) =>
        (await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{paymentId}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_debit_without_our_reference_matched_by_hand_completes_the_payment_and_shows_matched()
    {
        var (tenant, first, second, entry) = await ImportedAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        using var admin = host.Client(tenant.Key("admin"));

        var body = new { paymentIds = new[] { second }, reason = "bank dropped our reference; amount and creditor fit" };
        var answer = await OkAsync(await MatchAsync(submitter, tenant.EurAccount, entry, body, "tie-1"));
        var payment = Assert.Single(answer.GetProperty("payments").EnumerateArray());
        Assert.Equal((second, "completed"), (payment.GetProperty("id").GetString(), payment.GetProperty("status").GetString()));
        var replay = await MatchAsync(submitter, tenant.EurAccount, entry, body, "tie-1");
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(answer.GetRawText(), (await OkAsync(replay)).GetRawText());

        Assert.Equal(("completed", "sent"), (await StatusAsync(viewer, second), await StatusAsync(viewer, first)));
        var shown = Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount));
        Assert.True(shown.GetProperty("matched").GetBoolean());
        Assert.Equal([second], shown.GetProperty("paymentIds").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain(await UnmatchedAsync(viewer, tenant.EurAccount), i => EntryId(i) == entry);

        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray().ToList();
        var matched = audit.Single(e => e.GetProperty("action").GetString() == "transaction.matched");
        Assert.Contains(second, matched.GetProperty("after").GetString());
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "payment.completed" && e.GetProperty("subject").GetString() == second);

        // The same statement again: the stored tie stands — the other open payment of that money is not booked by it.
        using (var again = host.Client(tenant.Key("admin")))
        {
            var (status, _, text) = await StatementImportApi.ImportAsync(again, tenant.EurAccount,
                StatementFiles.Mt940(Iban, 1, 1000.00m, [new StatementFiles.Line(Day, -250.00m, null, "BOOK250", "SEPA transfer Supplier GmbH")]));
            Assert.True(status == HttpStatusCode.OK, text);
        }
        Assert.Equal([second], Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount)).GetProperty("paymentIds").EnumerateArray().Select(p => p.GetString()));

        // The tie is final: another tie of the entry, the completed payment on it, or an unmatch are refused.
        Assert.Equal(HttpStatusCode.Conflict, (await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { first } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await UnmatchAsync(submitter, tenant.EurAccount, entry, new { reason = "wrong one" })).StatusCode);
        Assert.Equal(("completed", "sent"), (await StatusAsync(viewer, second), await StatusAsync(viewer, first)));
    }

    [Fact]
    public async Task A_request_that_stopped_after_completing_the_payments_is_finished_by_running_it_again()
    {
        var (tenant, _, second, entry) = await ImportedAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var body = new { paymentIds = new[] { second } };
        await OkAsync(await MatchAsync(submitter, tenant.EurAccount, entry, body, "tie-crash"));

        // Put storage back to what a crash right after the first write leaves: the guard and the completed payment
        // written, the entry row not marked and no idempotency record.
        var storage = host.Services.GetRequiredService<StorageClients>();
        var statements = storage.Table(TableNames.Statements);
        StatementEntryRow? row = null;
        await foreach (var found in statements.QueryAsync<StatementEntryRow>(
            $"PartitionKey eq '{TableKeys.StatementPartition(tenant.Id, tenant.EurAccount)}' and EntryKey eq '{entry}'"))
        {
            row = found;
        }
        Assert.NotNull(row);
        (row.Matched, row.PaymentIds) = (false, null);
        await statements.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await storage.Table(TableNames.TenantData).DeleteEntityAsync(TableKeys.TenantPartition(tenant.Id),
            TableKeys.IdempotencyRow(BankFunctions.Features.Idempotency.IdempotencyKeys.Hash("tie-crash")));
        Assert.False(Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount)).GetProperty("matched").GetBoolean());

        var again = await OkAsync(await MatchAsync(submitter, tenant.EurAccount, entry, body, "tie-crash"));
        Assert.Equal("completed", Assert.Single(again.GetProperty("payments").EnumerateArray()).GetProperty("status").GetString());
        var shown = Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount));
        Assert.True(shown.GetProperty("matched").GetBoolean());
        Assert.Equal([second], shown.GetProperty("paymentIds").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Bad_input_and_another_tenants_payment_are_field_errors_that_change_nothing()
    {
        var (tenant, first, second, entry) = await ImportedAsync();
        var other = await host.CreateTenantWithAccountsAsync();
        var foreign = await SentPaymentAsync(other, other.EurAccount, "250.00");
        var small = await SentPaymentAsync(tenant, tenant.EurAccount, "100.00");
        var cny = await SentPaymentAsync(tenant, tenant.CnyAccount, "250.00", "CNY");
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));

        Assert.Contains("paymentIds[0]", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { foreign } })));
        Assert.Contains("paymentIds[0]", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { cny } })));
        Assert.Contains("paymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { small } })));
        Assert.Contains("paymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { first, second } })));
        Assert.Contains("paymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { first, first } })));
        Assert.Contains("expectedPaymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { first }, expectedPaymentIds = new[] { "xp_1" } })));
        var problem = await (await MatchAsync(submitter, tenant.EurAccount, entry, new { paymentIds = new[] { foreign } })).Content.ReadAsStringAsync();
        Assert.DoesNotContain("250.00", problem);
        Assert.DoesNotContain(other.EurAccount, problem);

        // Tenant B cannot see or act on tenant A's entry.
        using var otherSubmitter = host.Client(other.Key("submitter"));
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(otherSubmitter, tenant.EurAccount, entry, new { paymentIds = new[] { foreign } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(otherSubmitter, other.EurAccount, entry, new { paymentIds = new[] { foreign } })).StatusCode);

        foreach (var id in new[] { first, second, small })
        {
            Assert.Equal("sent", await StatusAsync(viewer, id));
        }
        using var otherViewer = host.Client(other.Key("viewer"));
        Assert.Equal("sent", await StatusAsync(otherViewer, foreign));
        Assert.False(Assert.Single(await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount)).GetProperty("matched").GetBoolean());
    }
}
