using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Features.Telemetry;

/// <summary>The platform figures (overview route, gauges) and their settings; the exporters are Hosting/TelemetrySetup.</summary>
public static class TelemetryServices
{
    public static IServiceCollection AddPlatformOverview(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<BankCallWindow>();
        services.AddSingleton<PlatformOverviewService>();
        services.AddMetrics();
        services.AddHostedService<OverviewGauges>();
        return services;
    }
}
