using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Events;

namespace BankFunctions.Host.Tests.Events;

/// <summary>
/// <c>bank_connection.unavailable|available</c> on Azurite (issue #14): one event per flip of the persisted state,
/// none for a report that matches it (many files waiting on one outage), and none for a connection that never failed.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class BankConnectionEventsTests(HostFixture host)
{
    [Fact]
    public async Task Only_flips_of_a_connections_availability_are_events()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var connections = host.Services.GetRequiredService<ConnectionAvailability>();
        const string connection = "conn_test_availability";

        Assert.False(await connections.ReportAsync(t.Id, connection, "iso-bank", available: true, null, CancellationToken.None));
        Assert.True(await connections.ReportAsync(t.Id, connection, "iso-bank", available: false, "bank_unavailable", CancellationToken.None));
        Assert.False(await connections.ReportAsync(t.Id, connection, "iso-bank", available: false, "bank_unavailable", CancellationToken.None));
        Assert.True(await connections.ReportAsync(t.Id, connection, "iso-bank", available: true, null, CancellationToken.None));
        Assert.False(await connections.ReportAsync(t.Id, connection, "iso-bank", available: true, null, CancellationToken.None));

        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SequenceEvents>().SequenceAsync(t.Id, CancellationToken.None);
        }
        using var viewer = host.Client(t.Key("viewer"));
        var feed = (await viewer.GetFromJsonAsync<JsonElement>("v1/events?type=bank_connection.unavailable,bank_connection.available"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([ConnectionAvailability.Unavailable, ConnectionAvailability.Available], feed.Select(e => e.GetProperty("type").GetString()));
        var down = feed[0].GetProperty("data");
        Assert.Equal(connection, down.GetProperty("connectionId").GetString());
        Assert.False(down.GetProperty("available").GetBoolean());
        Assert.Equal("bank_unavailable", down.GetProperty("lastErrorCode").GetString());
        Assert.True(feed[1].GetProperty("data").GetProperty("available").GetBoolean());
    }
}
