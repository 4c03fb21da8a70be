using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DevIdentity;

public static class DevIdentitySetup
{
    public static WebApplicationBuilder AddDevIdentity(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7090");
        }
        var options = new DevIdentityOptions();
        builder.Configuration.GetSection(DevIdentityOptions.Section).Bind(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => SigningKey.LoadOrCreate(options.KeyPath));
        // Tests put a FakeTimeProvider in first to expire codes without waiting.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CodeStore>();
        return builder;
    }

    public static WebApplication UseDevIdentity(this WebApplication app)
    {
        // Load (or create) the key now, so a bad KeyPath fails the start instead of the first token request.
        app.Services.GetRequiredService<SigningKey>();
        app.MapDiscovery();
        app.MapAuthorize();
        app.MapToken();
        app.MapLogout();
        app.MapGet("/", () => Results.Text("DevIdentity: an OpenID Connect provider for local runs and tests. Metadata: /.well-known/openid-configuration. See tools/DevIdentity/README.md."));
        return app;
    }
}
