using System.Text.Json;
using BankSim.Cmb;
using BankSim.Iso;
using BankSim.Sim;

namespace BankSim;

public static class BankSimSetup
{
    public static WebApplicationBuilder AddBankSim(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7080");
        }
        var options = builder.Configuration.GetSection("Sim").Get<SimOptions>() ?? new SimOptions();
        options.Seed ??= builder.Configuration["BANKSIM_SEED"];
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Ledger>();
        builder.Services.AddSingleton<Customers>();
        builder.Services.AddSingleton<Faults>();
        builder.Services.AddSingleton<IsoBank>();
        builder.Services.AddSingleton<CmbBank>();
        builder.Services.AddSingleton<CmbBankKey>();
        builder.Services.AddHostedService<Advancer>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        return builder;
    }

    public static WebApplication UseBankSim(this WebApplication app)
    {
        app.UseMiddleware<FaultMiddleware>();
        app.MapIsoBank();
        app.MapCmbBank();
        app.MapSim();
        app.MapGet("/", () => Results.Text("BankSim: simbank-iso (/iso/v1/…) and simbank-cmb (/cmb). See tools/BankSim/README.md."));
        app.MapPost("/_sim/config", (SimOptions update, SimOptions current) =>
        {
            current.AcceptAfter = update.AcceptAfter;
            current.ExecuteAfter = update.ExecuteAfter;
            current.SettleAfter = update.SettleAfter;
            current.BounceAfter = update.BounceAfter;
            current.SlowDelay = update.SlowDelay;
            current.HangFor = update.HangFor;
            return Results.Json(current);
        });
        Seed(app);
        return app;
    }

    private static void Seed(WebApplication app)
    {
        var options = app.Services.GetRequiredService<SimOptions>();
        if (string.IsNullOrEmpty(options.Seed) || !File.Exists(options.Seed))
        {
            return;
        }
        var customers = JsonSerializer.Deserialize<List<SimRoutes.CustomerInput>>(File.ReadAllText(options.Seed), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        foreach (var c in customers)
        {
            SimRoutes.Register(c, app.Services.GetRequiredService<Customers>(), app.Services.GetRequiredService<Ledger>());
        }
    }

    /// <summary>Advances both banks' timelines in the background so statements and the ledger move without polling.</summary>
    private sealed class Advancer(IsoBank iso, CmbBank cmb) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                iso.AdvanceAll();
                cmb.Advance();
                try
                {
                    await Task.Delay(100, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
