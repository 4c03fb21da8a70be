using System.Net;
using System.Text.RegularExpressions;
using BankFunctions.Features.SignIn;
using Microsoft.AspNetCore.WebUtilities;

namespace BankFunctions.Host.Tests.People;

/// <summary>
/// The browser's part of a console sign-in, over plain HTTP with the cookies kept by hand (the session cookie is Secure,
/// which .NET's cookie container would not send over http): the host's sign-in redirect, the provider's form, the
/// callback. Each step's response is kept so the tests can look at it.
/// </summary>
public sealed partial class BrowserlessSignIn(SignInFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>Cookies the "browser" holds for the host.</summary>
    public Dictionary<string, string> HostCookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The query of the provider's redirect to the callback (code, state, iss).</summary>
    public Dictionary<string, string> Callback { get; private set; } = [];

    public Uri CallbackUrl { get; private set; } = null!;

    /// <summary>Starts at the host, signs in at the provider, and stops before the callback (which <see cref="FinishAsync"/> sends).</summary>
    public async Task StartAsync(string email, string? returnUrl = "/console/")
    {
        using var start = await SendToHostAsync(HttpMethod.Get, "auth/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(fixture.Provider.ToString(), authorize.ToString(), StringComparison.Ordinal);
        using var page = await _http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HiddenField().Matches(await page.Content.ReadAsStringAsync())
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
        fields["email"] = email;
        fields["password"] = SignInFixture.People[email].Password;
        using var signedIn = await _http.PostAsync(new Uri(fixture.Provider, "authorize"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        CallbackUrl = signedIn.Headers.Location!;
        Callback = QueryHelpers.ParseQuery(CallbackUrl.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Follows the provider's redirect to the host's callback → where the host sends the browser next.</summary>
    public async Task<Uri> FinishAsync(Uri? callback = null)
    {
        using var answer = await SendToHostAsync(HttpMethod.Get, (callback ?? CallbackUrl).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!;
    }

    public string? Session => HostCookies.GetValueOrDefault(SessionCookies.Session);

    /// <summary>A request to the host with the cookies held, keeping what it sets (and forgetting what it clears).</summary>
    public async Task<HttpResponseMessage> SendToHostAsync(HttpMethod method, string path, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(fixture.Host.BaseAddress, path));
        if (HostCookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", HostCookies.Select(c => $"{c.Key}={c.Value}")));
        }
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }
        var response = await _http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            var attributes = header.ToLowerInvariant();
            Assert.Contains("httponly", attributes);
            Assert.Contains("secure", attributes);
            Assert.Contains("samesite=lax", attributes);
            Assert.Contains("path=/", attributes);
            if (pair[1].Length == 0 || attributes.Contains("expires=thu, 01 jan 1970", StringComparison.Ordinal))
            {
                HostCookies.Remove(pair[0]);
            }
            else
            {
                HostCookies[pair[0]] = pair[1];
            }
        }
        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
