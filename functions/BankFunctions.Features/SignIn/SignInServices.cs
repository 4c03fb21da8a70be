using BankFunctions.Features.Auth;
using BankFunctions.Features.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankFunctions.Features.SignIn;

/// <summary>Users, sessions and the OpenID Connect sign-in (issue #15).</summary>
public static class SignInServices
{
    public static IServiceCollection AddPeopleAndSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.SessionIdleMinutes is < 1 or > 24 * 60 || oidc.SessionHours is < 1 or > 24 * 7)
        {
            throw new InvalidOperationException("Oidc:SessionIdleMinutes must be 1–1440 and Oidc:SessionHours 1–168.");
        }
        services.AddSingleton(oidc);
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserSignIn>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionAuthenticator>();
        services.AddSingleton<OidcProvider>();
        services.AddHostedService<OidcStartupCheck>();
        return services;
    }
}

/// <summary>
/// Builds the <see cref="OidcProvider"/> at start when sign-in is configured, so a provider the environment does not
/// accept (http outside loopback, or any http in Production: <see cref="OidcAuthority"/>) stops the host at once.
/// </summary>
internal sealed class OidcStartupCheck(OidcOptions options, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            _ = services.GetRequiredService<OidcProvider>();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
