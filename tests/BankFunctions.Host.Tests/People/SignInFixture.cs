using BankFunctions.Host.Tests.EndToEnd;
using DevIdentity;

namespace BankFunctions.Host.Tests.People;

/// <summary>
/// The end-to-end stack (host with its stages, Azurite, BankSim) plus DevIdentity as the OpenID Connect provider the
/// host signs people in with, on a free port. The provider's port is chosen before the host starts (the host's
/// authority), and the provider starts after it (the host's callback address is its registered redirect URI).
/// </summary>
public sealed class SignInFixture : EndToEndFixture, IAsyncLifetime
{
    public const string ClientId = "bankfunctions-console";
    public const string ClientSecret = "console-secret-for-host-tests";

    /// <summary>The people DevIdentity knows: email → (name, password). Invitations in the tests use these emails.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Password)> People = new Dictionary<string, (string, string)>
    {
        ["sam@signin.test"] = ("Sam Submitter", "sam-password-1"),
        ["alex@signin.test"] = ("Alex Approver", "alex-password-2"),
        ["olga@signin.test"] = ("Olga Offboarded", "olga-password-3"),
        ["nina@signin.test"] = ("Nina Notinvited", "nina-password-4"),
        ["vera@signin.test"] = ("Vera Viewer", "vera-password-5"),
        ["eve@signin.test"] = ("Eve EUR", "eve-password-6"),
        ["ada@signin.test"] = ("Ada Admin", "ada-password-7"),
    };

    private WebApplication? _provider;

    /// <summary>DevIdentity's base address (it listens on a port the OS gave it, so no other process can take it first).</summary>
    public Uri Provider { get; private set; } = null!;

    protected override void ConfigureHost(HostFixture host)
    {
        host.Settings["Oidc:Authority"] = Provider.GetLeftPart(UriPartial.Authority);
        host.Settings["Oidc:ClientId"] = ClientId;
        host.Settings["Oidc:ClientSecret"] = ClientSecret;
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        // The provider first (the host's authority), the host second (its callback is the provider's redirect URI,
        // registered once the host has its port).
        var settings = new Dictionary<string, string?>
        {
            ["DevIdentity:Clients:0:ClientId"] = ClientId,
            ["DevIdentity:Clients:0:ClientSecret"] = ClientSecret,
            ["DevIdentity:Clients:0:RedirectUris:0"] = "http://127.0.0.1:1/auth/callback",
        };
        var i = 0;
        foreach (var (email, (name, password)) in People)
        {
            settings[$"DevIdentity:Users:{i}:Email"] = email;
            settings[$"DevIdentity:Users:{i}:Name"] = name;
            settings[$"DevIdentity:Users:{i}:Password"] = password;
            i++;
        }
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddDevIdentity();
        _provider = builder.Build();
        _provider.UseDevIdentity();
        await _provider.StartAsync();
        Provider = new Uri(_provider.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single() + "/");
        var options = _provider.Services.GetRequiredService<DevIdentityOptions>();
        options.Issuer = Provider.GetLeftPart(UriPartial.Authority);

        await InitializeAsync();
        options.Clients[0].RedirectUris.Add(new Uri(Host.BaseAddress, "auth/callback").ToString());
        options.Clients[0].PostLogoutRedirectUris.Add(new Uri(Host.BaseAddress, "console/").ToString());
    }

    public override async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.StopAsync();
            await _provider.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
