using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DevIdentity.Tests;

/// <summary>Starts a web application in this process on a free loopback port (retrying if another process takes the port first).</summary>
public static class InProcess
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(
        IDictionary<string, string?> settings, Action<WebApplicationBuilder> configure, Action<WebApplication> use)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            configure(builder);
            var app = builder.Build();
            use(app);
            try
            {
                await app.StartAsync();
                return (app, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync();
            }
        }
    }
}
