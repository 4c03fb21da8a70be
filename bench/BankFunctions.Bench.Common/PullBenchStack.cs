using BankFunctions.Host.Setup;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Common;

/// <summary>
/// What the statement pull benchmarks run on: Azurite, a bank (an empty web app the benchmark maps its answers on and
/// then starts) and the host in-process with its runtime disabled (the benchmark runs the pull handler itself) and
/// simbank_iso pointed at that bank.
/// </summary>
public sealed record PullBenchStack(AzuriteFixture Azurite, WebApplication Bank, WebApplication Host, Uri HostAddress)
{
    public static async Task<PullBenchStack> StartAsync(string operatorKey)
    {
        var azurite = new AzuriteFixture();
        var bankPort = FreePort.Next();
        var bank = WebApplication.CreateBuilder();
        bank.WebHost.UseUrls($"http://127.0.0.1:{bankPort}");
        bank.Logging.ClearProviders();
        var bankApp = bank.Build();

        var hostPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root, EnvironmentName = "Bench" });
        var settings = BenchHostSettings.For(azurite.ConnectionString, operatorKey);
        settings["Runtime:Disabled"] = "true";
        settings["Banks:simbank_iso:BaseUrl"] = $"http://127.0.0.1:{bankPort}/";
        settings["Banks:simbank_iso:TimeoutSeconds"] = "60";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort}");
        builder.AddBankFunctionsHost();
        builder.Logging.ClearProviders();
        var host = builder.Build();
        host.UseBankFunctionsHost();
        await host.StartAsync();
        return new PullBenchStack(azurite, bankApp, host, new Uri($"http://127.0.0.1:{hostPort}/"));
    }
}
