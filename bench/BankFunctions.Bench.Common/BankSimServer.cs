using BankFunctions.TestSupport;
using BankSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Common;

/// <summary>BankSim with its default timings, in this process on a free loopback port.</summary>
public sealed class BankSimServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BankSimServer(WebApplication app, Uri uri) => (_app, Uri) = (app, uri);

    public Uri Uri { get; }

    public static async Task<BankSimServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankSim();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseBankSim();
        await app.StartAsync();
        return new BankSimServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
