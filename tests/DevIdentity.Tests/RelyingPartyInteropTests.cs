using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>
/// A mainstream relying party — ASP.NET Core's OpenID Connect handler, configured as for Entra ID (code flow, PKCE,
/// client secret, its default form_post response mode) — signs a user in against DevIdentity, with an HTTP client
/// playing the browser (cookies, no automatic redirects).
/// </summary>
public sealed partial class RelyingPartyInteropTests : IAsyncLifetime
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("devidentity-rp-").FullName;
    private WebApplication? _provider;
    private WebApplication? _relyingParty;
    private Uri _providerAddress = null!;
    private Uri _relyingPartyAddress = null!;

    public async Task InitializeAsync()
    {
        // The relying party starts first, so its port is known for the provider's registered redirect URI. Its
        // OpenID Connect options are built at its first request, by which time the provider's address is set.
        (_relyingParty, _relyingPartyAddress) = await InProcess.StartAsync(new Dictionary<string, string?>(), ConfigureRelyingParty, app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new
            {
                sub = user.FindFirst("sub")?.Value,
                email = user.FindFirst("email")?.Value,
                name = user.FindFirst("name")?.Value,
            })).RequireAuthorization();
        });
        var settings = ProviderFixture.Settings(Path.Combine(_keyDirectory, "key.pem"));
        settings["DevIdentity:Clients:0:RedirectUris:2"] = new Uri(_relyingPartyAddress, "auth/callback").ToString();
        (_provider, _providerAddress) = await InProcess.StartAsync(settings, builder => builder.AddDevIdentity(), app => app.UseDevIdentity());
    }

    private void ConfigureRelyingParty(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = _providerAddress.GetLeftPart(UriPartial.Authority);
                options.RequireHttpsMetadata = false;
                options.ClientId = ProviderFixture.ConsoleClient;
                options.ClientSecret = ProviderFixture.ConsoleSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.CallbackPath = "/auth/callback";
                options.Scope.Add("email");
                options.MapInboundClaims = false;
                // Plain http on loopback: the handler's cookies would otherwise be Secure and never come back.
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
    }

    [Fact]
    public async Task AspNetCore_openid_connect_handler_signs_a_user_in()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        using var challenge = await browser.GetAsync(new Uri(_relyingPartyAddress, "me"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_providerAddress + "authorize?", authorize.ToString(), StringComparison.Ordinal);

        using var page = await browser.GetAsync(authorize);
        var (action, fields) = Form(await page.Content.ReadAsStringAsync());
        fields["email"] = ProviderFixture.SamEmail;
        fields["password"] = ProviderFixture.SamPassword;
        using var signedIn = await browser.PostAsync(new Uri(authorize, action), new FormUrlEncodedContent(fields));

        // form_post: the provider's page posts the code to the relying party's callback.
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var (callback, response) = Form(await signedIn.Content.ReadAsStringAsync());
        Assert.Equal(new Uri(_relyingPartyAddress, "auth/callback").ToString(), callback);
        using var landed = await browser.PostAsync(new Uri(callback), new FormUrlEncodedContent(response));
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/me", landed.Headers.Location!.OriginalString);

        using var me = await browser.GetAsync(new Uri(_relyingPartyAddress, "me"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ProviderFixture.SamEmail, user.GetProperty("email").GetString());
        Assert.Equal("Sam Submitter", user.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(user.GetProperty("sub").GetString()));
    }

    private static (string Action, Dictionary<string, string> Fields) Form(string html) =>
        (WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value), OidcFlow.HiddenFields(html));

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]*)">""")]
    private static partial Regex FormAction();

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _relyingParty, _provider })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        Directory.Delete(_keyDirectory, recursive: true);
    }
}
