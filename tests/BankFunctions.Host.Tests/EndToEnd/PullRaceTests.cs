using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>The end-to-end host and BankSim with no background work: the test runs the statement pull itself.</summary>
public sealed class StoppedEndToEndFixture : EndToEndFixture
{
    protected override void ConfigureHost(HostFixture host) => host.Settings["Runtime:Disabled"] = "true";
}

/// <summary>
/// A refresh that races another pull of the same account (the schedule's, started earlier and so seeing less): when the
/// other pull moves the feed's cursor first, this one reads the cursor again and carries on, so one refresh still reads
/// every page the bank has. The race is made exact by a storage policy that lets a competing write of the pull state
/// row in just before this pull saves its cursor after the first page.
/// </summary>
public sealed class PullRaceTests(StoppedEndToEndFixture e2e) : IClassFixture<StoppedEndToEndFixture>
{
    [Fact]
    public async Task A_pull_that_loses_the_cursor_to_another_pull_carries_on_and_reads_every_page()
    {
        var o = await e2e.OnboardAsync();
        // 60 incoming credits: two pages of CMB's DCTRSINF details (50 rows a page).
        for (var i = 0; i < 60; i++)
        {
            var credit = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-cmb/{o.CnyNumber}/credits",
                new { amount = $"{10 + i}.00", remittance = $"货款 {i}", counterpartyName = $"客户{i}", counterpartyAccount = $"62258801000002{i:D2}" });
            Assert.Equal(System.Net.HttpStatusCode.Created, credit.StatusCode);
        }
        var storage = e2e.Host.Services.GetRequiredService<StorageClients>();
        var partition = TableKeys.StatementPartition(o.Tenant.Id, o.CnyAccount);
        var race = new CompetingCursorWrite(storage.Table(TableNames.Statements), partition);
        var racing = new StorageClients(new StorageOptions { ConnectionString = e2e.Host.Azurite.ConnectionString }, null, race);
        var pull = ActivatorUtilities.CreateInstance<PullStatements>(e2e.Host.Services, racing);

        await pull.HandleAsync(new QueueMessageContext(QueueNames.StatementsPull, "m1", new PullMessage(o.Tenant.Id, o.CnyAccount, "refresh").ToJson(), 1, null), default);

        Assert.Equal(1, race.Competed);
        var entries = 0;
        await foreach (var _ in storage.Table(TableNames.Statements).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TableKeys.EntryPrefix} and RowKey lt {"txn}"}"), select: ["RowKey"]))
        {
            entries++;
        }
        Assert.Equal(60, entries);
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var page = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{o.CnyAccount}/transactions?limit=100");
        Assert.Equal(60, page.GetProperty("items").GetArrayLength());
    }

    /// <summary>
    /// Before the first cursor save (a PUT of a pull state row of <paramref name="partition"/>) leaves, writes that row
    /// itself (a merge that changes only its ETag): the save then meets a 412, as when another pull saved first.
    /// </summary>
    private sealed class CompetingCursorWrite(TableClient table, string partition) : HttpPipelineSynchronousPolicy
    {
        private int _competed;

        public int Competed => _competed;

        public override void OnSendingRequest(HttpMessage message)
        {
            var path = Uri.UnescapeDataString(message.Request.Uri.ToUri().AbsolutePath);
            if (message.Request.Method != RequestMethod.Put || !path.Contains($"PartitionKey='{partition}',RowKey='{TableKeys.PullStateRow("")}", StringComparison.Ordinal)
                || Interlocked.CompareExchange(ref _competed, 1, 0) != 0)
            {
                return;
            }
            var rowKey = path[(path.IndexOf("RowKey='", StringComparison.Ordinal) + 8)..].TrimEnd(')', '\'');
            table.UpdateEntity(new TableEntity(partition, rowKey) { ["CompetingPull"] = DateTimeOffset.UtcNow }, ETag.All, TableUpdateMode.Merge);
        }
    }
}
