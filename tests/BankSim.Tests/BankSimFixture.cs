using System.Net.Http.Json;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Xunit;

namespace BankSim.Tests;

/// <summary>BankSim in-process on a free loopback port with fast timelines.</summary>
public sealed class BankSimFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sim:AcceptAfter"] = "00:00:00.05",
            ["Sim:ExecuteAfter"] = "00:00:00.1",
            ["Sim:SettleAfter"] = "00:00:00.15",
            ["Sim:BounceAfter"] = "00:00:00.2",
            ["Sim:SlowDelay"] = "00:00:01",
            ["Sim:HangFor"] = "00:00:03",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankSim();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseBankSim();
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public async Task RegisterAsync(object customer) => (await Client.PostAsJsonAsync("_sim/customers", customer)).EnsureSuccessStatusCode();
}

[CollectionDefinition(Name)]
public sealed class BankSimCollection : ICollectionFixture<BankSimFixture>
{
    public const string Name = "banksim";
}
