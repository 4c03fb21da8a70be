using BankFunctions.Host.Tests.EndToEnd;
using BankFunctions.TestSupport;
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

    private readonly int _providerPort = FreePort.Next();
    private WebApplication? _provider;

    public Uri Provider => new($"http://127.0.0.1:{_providerPort}/");

    protected override void ConfigureHost(HostFixture host)
    {
        host.Settings["Oidc:Authority"] = Provider.GetLeftPart(UriPartial.Authority);
        host.Settings["Oidc:ClientId"] = ClientId;
        host.Settings["Oidc:ClientSecret"] = ClientSecret;
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["DevIdentity:Issuer"] = Provider.GetLeftPart(UriPartial.Authority),
            ["DevIdentity:Clients:0:ClientId"] = ClientId,
            ["DevIdentity:Clients:0:ClientSecret"] = ClientSecret,
            ["DevIdentity:Clients:0:RedirectUris:0"] = new Uri(Host.BaseAddress, "auth/callback").ToString(),
            ["DevIdentity:Clients:0:PostLogoutRedirectUris:0"] = new Uri(Host.BaseAddress, "console/").ToString(),
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
        builder.WebHost.UseUrls(Provider.ToString());
        builder.Logging.ClearProviders();
        builder.AddDevIdentity();
        _provider = builder.Build();
        _provider.UseDevIdentity();
        await _provider.StartAsync();
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
