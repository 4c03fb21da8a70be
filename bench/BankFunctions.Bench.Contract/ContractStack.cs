using BankFunctions.Bench.Common;
using BankFunctions.Host.Setup;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Contract;

/// <summary>Azurite, BankSim and the real host (queue processors and timers running), in this process.</summary>
public sealed class ContractStack : IAsyncDisposable
{
    public const string OperatorKey = "bench-operator-key-0123456789abcdef";
    private readonly AzuriteFixture _azurite;
    private readonly BankSimServer _bank;
    private readonly WebApplication _host;

    private ContractStack(AzuriteFixture azurite, BankSimServer bank, WebApplication host, Uri hostUri) =>
        (_azurite, _bank, _host, HostUri) = (azurite, bank, host, hostUri);

    public Uri HostUri { get; }

    public Uri BankUri => _bank.Uri;

    public static async Task<ContractStack> StartAsync()
    {
        var azurite = new AzuriteFixture();
        var bank = await BankSimServer.StartAsync();
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root, EnvironmentName = "Bench" });
        var settings = BenchHostSettings.For(azurite.ConnectionString, OperatorKey);
        settings["HostJson:Path"] = RepoPaths.Combine("host.json");
        settings["Banks:simbank_iso:BaseUrl"] = bank.Uri.ToString();
        settings["Banks:simbank_cmb:BaseUrl"] = bank.Uri.ToString();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankFunctionsHost();
        builder.Logging.ClearProviders();
        var host = builder.Build();
        host.UseBankFunctionsHost();
        await host.StartAsync();
        return new ContractStack(azurite, bank, host, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _bank.DisposeAsync();
        _azurite.Dispose();
    }
}
