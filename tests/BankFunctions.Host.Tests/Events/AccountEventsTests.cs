using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Events;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Events;

/// <summary>
/// The events of an account's statement data on Azurite (issue #14): <c>transaction.booked</c>, <c>balance.updated</c>
/// and <c>statement.warning</c> commit with the change in the statement partition, are relayed to the tenant's feed
/// once, and a repeated import (nothing new stored) announces nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AccountEventsTests(HostFixture host)
{
    private async Task<List<JsonElement>> SequencedFeedAsync(TestTenant t)
    {
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SequenceEvents>().SequenceAsync(t.Id, CancellationToken.None);
        }
        using var viewer = host.Client(t.Key("viewer"));
        var page = await viewer.GetFromJsonAsync<JsonElement>("v1/events?limit=1000");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static List<JsonElement> OfType(List<JsonElement> feed, string type) => feed.Where(e => e.GetProperty("type").GetString() == type).ToList();

    private StorageClients Storage => host.Services.GetRequiredService<StorageClients>();

    [Fact]
    public async Task Each_stored_booking_is_one_transaction_booked_event_and_a_repeated_import_adds_none()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        using var viewer = host.Client(t.Key("viewer"));
        var file = Mt940(EurIban, 1, 1000.00m, ThreeLines);

        Assert.Equal(3, (await ImportAsync(admin, t.EurAccount, file)).Body.GetProperty("stored").GetInt32());
        var feed = await SequencedFeedAsync(t);
        var booked = OfType(feed, AccountEvents.TransactionBooked);
        var listed = await TransactionsAsync(viewer, t.EurAccount);
        Assert.Equal(listed.Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            booked.Select(e => e.GetProperty("data").GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        foreach (var e in booked)
        {
            var data = e.GetProperty("data");
            Assert.Equal(t.EurAccount, data.GetProperty("accountId").GetString());
            var item = listed.Single(i => i.GetProperty("id").GetString() == data.GetProperty("id").GetString());
            // The transaction as the list shows it (its amount a decimal string, matched and paymentIds included).
            foreach (var property in item.EnumerateObject())
            {
                Assert.True(JsonElement.DeepEquals(property.Value, data.GetProperty(property.Name)), property.Name);
            }
        }
        var balance = Assert.Single(OfType(feed, AccountEvents.BalanceUpdated)).GetProperty("data");
        var shown = await BalancesAsync(viewer, t.EurAccount);
        Assert.True(JsonElement.DeepEquals(shown.GetProperty("booked"), balance.GetProperty("booked")));
        Assert.Equal(t.EurAccount, balance.GetProperty("accountId").GetString());

        // The same file again stores nothing new, so nothing new is announced (not even the balance: it did not move).
        Assert.Equal(0, (await ImportAsync(admin, t.EurAccount, file)).Body.GetProperty("stored").GetInt32());
        var again = await SequencedFeedAsync(t);
        Assert.Equal(feed.Select(e => e.GetProperty("id").GetString()), again.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(Enumerable.Range(1, again.Count).Select(i => (long)i), again.Select(e => e.GetProperty("sequence").GetInt64()));
        // Nothing waits anywhere.
        Assert.Empty(await Storage.Table(TableNames.Statements).QueryAsync<PendingEventRow>(
            TableKeys.PrefixFilter(TableKeys.StatementPartition(t.Id, t.EurAccount), TableKeys.EventPendingPrefix)).ToListAsync());
        Assert.Empty(await Storage.Table(TableNames.TenantData).QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(t.Id, TableKeys.EventPendingPrefix)).ToListAsync());
    }

    [Fact]
    public async Task A_pending_entry_is_announced_when_it_is_booked_not_before()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var report = Camt(report: true, EurIban, "RPT1", 500m, [new("ACCT-REF-1", -40m, Day2, Pending: true), new("ACCT-REF-2", 10m, Day2, Pending: false)]);
        var statement = Camt(report: false, EurIban, "STMT1", 500m, [new("ACCT-REF-1", -40m, Day2, Pending: false), new("ACCT-REF-2", 10m, Day2, Pending: false)]);

        await ImportAsync(admin, t.EurAccount, report);
        var first = OfType(await SequencedFeedAsync(t), AccountEvents.TransactionBooked);
        Assert.Equal(["ACCT-REF-2"], first.Select(e => e.GetProperty("data").GetProperty("bankReference").GetString()));

        await ImportAsync(admin, t.EurAccount, statement);
        var second = OfType(await SequencedFeedAsync(t), AccountEvents.TransactionBooked);
        Assert.Equal(["ACCT-REF-2", "ACCT-REF-1"], second.Select(e => e.GetProperty("data").GetProperty("bankReference").GetString()));
        Assert.All(second, e => Assert.Equal("booked", e.GetProperty("data").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_raised_warning_is_one_statement_warning_event_and_raising_it_again_adds_none()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var imbalanced = Mt940(EurIban, 1, 100m, [new(Day1, -1m, null, "W1", "x")], closingOverride: 50m);

        await ImportAsync(admin, t.EurAccount, imbalanced);
        var warning = Assert.Single(OfType(await SequencedFeedAsync(t), AccountEvents.StatementWarning)).GetProperty("data");
        Assert.Equal(t.EurAccount, warning.GetProperty("accountId").GetString());
        Assert.Equal("STMT1", warning.GetProperty("statementId").GetString());
        Assert.Equal("balance.mismatch", Assert.Single(warning.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());

        await ImportAsync(admin, t.EurAccount, imbalanced);
        Assert.Single(OfType(await SequencedFeedAsync(t), AccountEvents.StatementWarning));
    }

    [Fact]
    public async Task A_relay_that_crashed_before_deleting_its_source_does_not_number_the_events_twice()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var partition = TableKeys.StatementPartition(t.Id, t.EurAccount);
        var statements = Storage.Table(TableNames.Statements);
        var source = AccountEvents.PendingRow(partition, [new EventDraft(AccountEvents.StatementWarning, t.EurAccount, new { accountId = t.EurAccount })], host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await statements.AddEntityAsync(source);
        var relay = host.Services.GetRequiredService<EventRelay>();

        Assert.Equal(1, await relay.RelayAsync(partition, CancellationToken.None));
        Assert.Single(await SequencedFeedAsync(t));
        // The crash: the copy committed and was numbered, the source is still there.
        source.ETag = default;
        await statements.AddEntityAsync(source);
        Assert.Equal(0, await relay.RelayAsync(partition, CancellationToken.None));
        Assert.Single(await SequencedFeedAsync(t));
        Assert.False(await relay.HasPendingAsync(partition, CancellationToken.None));
    }
}
