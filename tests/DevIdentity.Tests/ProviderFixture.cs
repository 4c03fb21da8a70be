using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>
/// DevIdentity in-process on a free loopback port, driven over real HTTP. Its clock is a FakeTimeProvider that
/// starts at the real time (so id_tokens are valid for an ordinary validator) and moves only when a test says so.
/// Each test class gets its own provider, so a class that moves the clock disturbs no other.
/// </summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public const string ConsoleClient = "bankfunctions-console";
    public const string ConsoleSecret = "console-secret-for-tests";
    public const string ConsoleCallback = "http://127.0.0.1:1/auth/callback";
    public const string ConsoleCallbackWithQuery = "http://127.0.0.1:1/auth/callback?tenant=acme";
    public const string ConsoleSignedOut = "http://127.0.0.1:1/console/";
    public const string PublicClient = "public-spa";
    public const string PublicCallback = "http://localhost:1/spa/callback";
    public const string SamEmail = "sam@demo.test";
    public const string SamPassword = "correct horse battery staple";
    public const string AlexEmail = "alex@demo.test";
    public const string AlexPassword = "another secret";
    public const string AlexSubject = "alex-0001";

    private WebApplication? _app;
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("devidentity-tests-").FullName;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public Uri BaseAddress { get; private set; } = null!;
    public string Issuer => BaseAddress.GetLeftPart(UriPartial.Authority);
    public string KeyPath => Path.Combine(_keyDirectory, "signing-key.pem");

    /// <summary>Never follows redirects: the tests look at each 302 themselves, as the relying party would.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_app, BaseAddress) = await InProcess.StartAsync(Settings(KeyPath), builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.AddDevIdentity();
        }, app => app.UseDevIdentity());
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
    }

    public static Dictionary<string, string?> Settings(string keyPath) => new()
    {
        ["DevIdentity:KeyPath"] = keyPath,
        ["DevIdentity:Clients:0:ClientId"] = ConsoleClient,
        ["DevIdentity:Clients:0:ClientSecret"] = ConsoleSecret,
        ["DevIdentity:Clients:0:RedirectUris:0"] = ConsoleCallback,
        ["DevIdentity:Clients:0:RedirectUris:1"] = ConsoleCallbackWithQuery,
        ["DevIdentity:Clients:0:PostLogoutRedirectUris:0"] = ConsoleSignedOut,
        ["DevIdentity:Clients:1:ClientId"] = PublicClient,
        ["DevIdentity:Clients:1:RedirectUris:0"] = PublicCallback,
        ["DevIdentity:Users:0:Email"] = SamEmail,
        ["DevIdentity:Users:0:Name"] = "Sam Submitter",
        ["DevIdentity:Users:0:Password"] = SamPassword,
        ["DevIdentity:Users:1:Email"] = AlexEmail,
        ["DevIdentity:Users:1:Name"] = "Alex Approver",
        ["DevIdentity:Users:1:Password"] = AlexPassword,
        ["DevIdentity:Users:1:Subject"] = AlexSubject,
    };

    public OidcFlow Flow() => new(Client);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_keyDirectory, recursive: true);
    }

    /// <summary>Whether a response sends the browser anywhere (a redirect, or an auto-posting form).</summary>
    public static bool Redirects(HttpResponseMessage response) =>
        response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest || response.Headers.Location is not null;
}
