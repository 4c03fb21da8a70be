using System.Net;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>
/// The authorization endpoint's checks: what is refused outright (never redirected, RFC 6749 §4.1.2.1), what goes back
/// to the client as an error, and the sign-in page itself.
/// </summary>
public sealed class AuthorizeTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Theory]
    [InlineData("http://127.0.0.1:1/evil")]
    [InlineData("http://127.0.0.1:1/auth/callback/")]
    [InlineData("http://127.0.0.1:1/auth/callback?x=1")]
    [InlineData("HTTP://127.0.0.1:1/auth/callback")]
    [InlineData("https://attacker.example/auth/callback")]
    [InlineData(null)]
    public async Task Unregistered_redirect_uri_shows_an_error_page_and_never_redirects(string? redirectUri)
    {
        var flow = provider.Flow();
        var request = flow.Request();
        request["redirect_uri"] = redirectUri;
        // Even with other errors in the request, the untrusted redirect URI wins: nothing goes to it.
        request["scope"] = "profile";
        using var response = await flow.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ProviderFixture.Redirects(response));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-client")]
    [InlineData(null)]
    public async Task Unknown_client_shows_an_error_page_and_never_redirects(string? clientId)
    {
        var flow = provider.Flow();
        var request = flow.Request();
        request["client_id"] = clientId;
        using var response = await flow.AuthorizeAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ProviderFixture.Redirects(response));
    }

    [Fact]
    public async Task Repeated_redirect_uri_is_refused_without_redirecting()
    {
        var flow = provider.Flow();
        using var response = await provider.Client.GetAsync(
            $"authorize?response_type=code&client_id={ProviderFixture.ConsoleClient}&scope=openid&code_challenge={flow.Challenge}&code_challenge_method=S256" +
            $"&redirect_uri={Uri.EscapeDataString(ProviderFixture.ConsoleCallback)}&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:1/evil")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ProviderFixture.Redirects(response));
    }

    /// <summary>The hidden fields are checked again on POST: a redirect URI edited in the form goes nowhere, even with the right password.</summary>
    [Fact]
    public async Task Sign_in_form_with_an_edited_redirect_uri_is_refused_even_with_the_right_password()
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        using var answer = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword,
            fields => fields["redirect_uri"] = "http://127.0.0.1:1/evil");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(ProviderFixture.Redirects(answer));
    }

    [Fact]
    public async Task Sign_in_form_with_an_edited_challenge_yields_a_code_the_original_verifier_cannot_redeem()
    {
        var flow = provider.Flow();
        var other = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        using var answer = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword,
            fields => fields["code_challenge"] = other.Challenge);
        var code = OidcFlow.QueryOf(answer.Headers.Location!)["code"];
        using var exchange = await flow.ExchangeAsync(code);
        await OidcFlow.AssertTokenErrorAsync(exchange, "invalid_grant");
    }

    [Fact]
    public async Task Authorization_request_sent_by_post_shows_the_sign_in_page()
    {
        var flow = provider.Flow();
        using var page = await provider.Client.PostAsync("authorize", new FormUrlEncodedContent(flow.Request().Where(p => p.Value is not null)!));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("role=\"alert\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var answer = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword);
        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
    }

    [Theory]
    [InlineData(ProviderFixture.SamEmail, "wrong password")]
    [InlineData("nobody@demo.test", ProviderFixture.SamPassword)]
    [InlineData(ProviderFixture.SamEmail, "")]
    public async Task Wrong_credentials_show_the_page_again_with_an_alert_and_no_redirect(string email, string password)
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        using var answer = await flow.SignInAsync(page, email, password);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(ProviderFixture.Redirects(answer));
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<p role=\"alert\" id=\"error\">The email address or password is wrong.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        // The page still carries the request, so the next try can succeed.
        using var retry = await flow.SignInAsync(answer, ProviderFixture.SamEmail, ProviderFixture.SamPassword);
        Assert.Equal(HttpStatusCode.Found, retry.StatusCode);
    }

    [Theory]
    [InlineData("scope", "profile email", "invalid_scope")]
    [InlineData("scope", null, "invalid_scope")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("response_type", null, "invalid_request")]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("code_challenge", "too-short", "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("prompt", "none", "login_required")]
    public async Task Other_errors_go_back_to_the_registered_redirect_uri_with_state(string parameter, string? value, string error)
    {
        var flow = provider.Flow();
        var request = flow.Request();
        request[parameter] = value;
        using var response = await flow.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(ProviderFixture.ConsoleCallback + "?", location.OriginalString, StringComparison.Ordinal);
        var query = OidcFlow.QueryOf(location);
        Assert.Equal(error, query["error"]);
        Assert.Equal(flow.State, query["state"]);
        Assert.Equal(provider.Issuer, query["iss"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Sign_in_page_is_accessible_self_contained_and_under_a_strict_csp()
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"email\" name=\"email\" type=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"password\" name=\"password\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://127.0.0.1:1;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Hostile_state_and_login_hint_are_html_encoded_and_come_back_unchanged()
    {
        const string hostileState = "\"><script>alert('state')</script><input name=\"redirect_uri\" value=\"x";
        const string hostileHint = "\" autofocus onfocus=\"alert(1)\"><img src=x onerror=alert(2)>";
        var flow = provider.Flow();
        var request = flow.Request();
        request["state"] = hostileState;
        request["login_hint"] = hostileHint;
        using var page = await flow.AuthorizeAsync(request);
        var html = await page.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onfocus=\"", html, StringComparison.Ordinal);
        Assert.Equal(hostileState, OidcFlow.HiddenFields(html)["state"]);
        var email = System.Text.RegularExpressions.Regex.Match(html, "<input id=\"email\"[^>]* value=\"(?<v>[^\"]*)\"").Groups["v"].Value;
        Assert.Equal(hostileHint, System.Net.WebUtility.HtmlDecode(email));

        using var answer = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword);
        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal(hostileState, OidcFlow.QueryOf(answer.Headers.Location!)["state"]);
    }

    [Fact]
    public async Task Hostile_values_in_a_wrong_password_answer_are_html_encoded()
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        using var answer = await flow.SignInAsync(page, "\"><script>alert(1)</script>", "x");
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
