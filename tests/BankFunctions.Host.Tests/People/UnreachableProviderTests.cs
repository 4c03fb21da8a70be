using System.Net;
using BankFunctions.Host.Tests.Api;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.People;

/// <summary>A host whose identity provider does not answer (nothing listens on its port).</summary>
public sealed class UnreachableProviderFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public Task InitializeAsync()
    {
        Host.Settings["Oidc:Authority"] = $"http://127.0.0.1:{FreePort.Next()}";
        Host.Settings["Oidc:ClientId"] = "bankfunctions-console";
        return Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>An identity provider that is down is a clear 503 at sign-in and a sign-in failure at the callback, never a 500.</summary>
public sealed class UnreachableProviderTests(UnreachableProviderFixture fixture) : IClassFixture<UnreachableProviderFixture>
{
    [Fact]
    public async Task Sign_in_answers_503_and_a_callback_returns_to_the_console_with_the_reason()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Host.BaseAddress };
        await BadInputTests.AssertProblem(await http.GetAsync("auth/sign-in?returnUrl=%2Fconsole%2F"), 503, null);

        // A callback whose sign-in state exists (started before the provider went down) fails as "provider".
        var sessions = fixture.Host.Services.GetRequiredService<BankFunctions.Features.SignIn.SessionStore>();
        var state = BankFunctions.Features.SignIn.SessionTokens.New();
        await sessions.StartSignInAsync(state, "/console/", CancellationToken.None);
        using var callback = new HttpRequestMessage(HttpMethod.Get, $"auth/callback?code=abc&state={state}");
        callback.Headers.Add("Cookie", $"{BankFunctions.Features.SignIn.SessionCookies.SignIn}={state}");
        using var answer = await http.SendAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/console/?signin=provider", answer.Headers.Location?.OriginalString);
    }
}
