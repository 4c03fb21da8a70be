using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>
/// The relying party's side of the authorization code flow with PKCE, written from the specs (not from the
/// provider's code): builds the authorization request, fills in the sign-in form as a browser would, and exchanges
/// the code.
/// </summary>
public sealed partial class OidcFlow(HttpClient http)
{
    public string Verifier { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>RFC 7636 §4.2: S256 challenge = BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public string Challenge => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string State { get; } = "state-" + Guid.NewGuid().ToString("N");
    public string Nonce { get; } = "nonce-" + Guid.NewGuid().ToString("N");

    public Dictionary<string, string?> Request(string clientId = ProviderFixture.ConsoleClient, string redirectUri = ProviderFixture.ConsoleCallback) => new()
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = redirectUri,
        ["scope"] = "openid profile email",
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
    };

    public Task<HttpResponseMessage> AuthorizeAsync(Dictionary<string, string?> request) =>
        http.GetAsync(QueryHelpers.AddQueryString("authorize", request.Where(p => p.Value is not null)));

    /// <summary>Posts the sign-in page's form back with the given credentials, every hidden field as the page has it.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpResponseMessage page, string email, string password, Action<Dictionary<string, string>>? tamper = null)
    {
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["email"] = email;
        fields["password"] = password;
        tamper?.Invoke(fields);
        return await http.PostAsync("authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>The whole front channel: authorization request, sign-in, and the code from the 302 to the redirect URI.</summary>
    public async Task<string> CodeAsync(Dictionary<string, string?> request, string email = ProviderFixture.SamEmail, string password = ProviderFixture.SamPassword)
    {
        using var page = await AuthorizeAsync(request);
        using var answer = await SignInAsync(page, email, password);
        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        var query = QueryOf(answer.Headers.Location!);
        Assert.Equal(State, query["state"]);
        return query["code"];
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier = null, string clientId = ProviderFixture.ConsoleClient,
        string? secret = ProviderFixture.ConsoleSecret, string redirectUri = ProviderFixture.ConsoleCallback)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier ?? Verifier,
        };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }
        return http.PostAsync("token", new FormUrlEncodedContent(form));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A token error per RFC 6749 §5.2: its status, the error code, and no caching.</summary>
    public static async Task AssertTokenErrorAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "token errors must not be cached");
        Assert.Equal(error, (await JsonAsync(response)).GetProperty("error").GetString());
    }

    public static Dictionary<string, string> QueryOf(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
