using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Banks.Tests.Fakes;

/// <summary>
/// An in-process fake of the documented Key Vault keys REST contract (create key, get key, sign, verify, wrapKey, unwrapKey) and of get /
/// set secret on a
/// loopback https port. Keys are real (RSA / EC P-256 in memory); signatures are real. Knob: answer the next N
/// requests with 429 + Retry-After.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, AsymmetricAlgorithm> _keys = new();
    /// <summary>The newest version of each key name (a get without version answers it; creating a key again adds a version).</summary>
    private readonly ConcurrentDictionary<string, string> _latest = new();
    private int _throttleNext;

    public FakeKeyVault()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(TestCertificate.Instance)));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            AuthorizationHeaders.Enqueue(context.Request.Headers.Authorization.ToString());
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
            {
                // The challenge the Key Vault SDK clients (SecretClient) expect before they fetch a token.
                context.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
                await Error(context, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
                return;
            }
            AuthenticatedRequests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (context.Request.Query["api-version"].ToString().Length == 0)
            {
                await Error(context, 400, "BadParameter", "The 'api-version' query parameter is missing.");
                return;
            }
            if (Interlocked.Decrement(ref _throttleNext) >= 0)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await Error(context, 429, "Throttled", "Operations per second exceeded.");
                return;
            }
            Interlocked.Exchange(ref _throttleNext, 0);
            await next(context);
        });
        _app.MapPost("/keys/{name}/create", CreateKey);
        _app.MapGet("/keys/{name}/{version}", GetKey);
        _app.MapGet("/keys/{name}", (HttpContext c, string name) => GetKey(c, name, _latest.TryGetValue(name, out var v) ? v : ""));
        _app.MapPost("/keys/{name}/{version}/wrapkey", (HttpContext c, string name, string version) => KeyOperation(c, name, version, wrap: true));
        _app.MapPost("/keys/{name}/{version}/unwrapkey", (HttpContext c, string name, string version) => KeyOperation(c, name, version, wrap: false));
        _app.MapPost("/keys/{name}/{version}/sign", Sign);
        _app.MapPost("/keys/{name}/{version}/verify", Verify);
        _app.MapPut("/secrets/{name}", SetSecret);
        _app.MapGet("/secrets/{name}", (HttpContext c, string name) => GetSecret(c, name));
        _app.MapGet("/secrets/{name}/{version}", (HttpContext c, string name) => GetSecret(c, name));
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        VaultUri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public Uri VaultUri { get; }

    /// <summary>Secrets (latest version only), as a test seeds them.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    /// <summary>Requests that carried a bearer token (SDK clients first send one without, to get the challenge).</summary>
    public ConcurrentQueue<string> AuthenticatedRequests { get; } = new();

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The next <paramref name="count"/> requests get 429 with Retry-After: <see cref="RetryAfterSeconds"/>.</summary>
    public void Throttle(int count) => Interlocked.Exchange(ref _throttleNext, count);

    private string Kid(string name, string version) => $"{VaultUri.AbsoluteUri.TrimEnd('/')}/keys/{name}/{version}";

    private async Task CreateKey(HttpContext context, string name)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var kty = body?["kty"]?.GetValue<string>();
        AsymmetricAlgorithm key;
        if (kty is "RSA" or "RSA-HSM")
        {
            key = RSA.Create(body?["key_size"]?.GetValue<int>() ?? 2048);
        }
        else if (kty is "EC" or "EC-HSM" && body?["crv"]?.GetValue<string>() == "P-256")
        {
            key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else
        {
            await Error(context, 400, "BadParameter", "Unsupported kty/crv.");
            return;
        }
        var version = Guid.NewGuid().ToString("N");
        _keys[name + "/" + version] = key;
        _latest[name] = version;
        await Json(context, 200, new JsonObject { ["key"] = Jwk(Kid(name, version), key), ["attributes"] = new JsonObject { ["enabled"] = true } });
    }

    private async Task GetKey(HttpContext context, string name, string version)
    {
        if (!_keys.TryGetValue(name + "/" + version, out var key))
        {
            await Error(context, 404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
            return;
        }
        await Json(context, 200, new JsonObject { ["key"] = Jwk(Kid(name, version), key) });
    }

    /// <summary>wrapKey / unwrapKey: {"alg":"RSA-OAEP-256","value": base64url} → {"kid","value"} (RSA keys, RSA-OAEP-256 only here).</summary>
    private async Task KeyOperation(HttpContext context, string name, string version, bool wrap)
    {
        if (!_keys.TryGetValue(name + "/" + version, out var key) || key is not RSA rsa)
        {
            await Error(context, 404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["alg"]?.GetValue<string>() != "RSA-OAEP-256")
        {
            await Error(context, 400, "BadParameter", "Unsupported algorithm.");
            return;
        }
        var value = Base64Url.DecodeFromChars(body["value"]?.GetValue<string>() ?? "");
        byte[] result;
        try
        {
            result = wrap ? rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256) : rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            await Error(context, 400, "BadParameter", "The value cannot be processed with this key.");
            return;
        }
        await Json(context, 200, new JsonObject { ["kid"] = Kid(name, version), ["value"] = Base64Url.EncodeToString(result) });
    }

    private async Task Sign(HttpContext context, string name, string version)
    {
        if (!_keys.TryGetValue(name + "/" + version, out var key))
        {
            await Error(context, 404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var alg = body?["alg"]?.GetValue<string>();
        var digest = Base64Url.DecodeFromChars(body?["value"]?.GetValue<string>() ?? "");
        if (digest.Length != 32)
        {
            await Error(context, 400, "BadParameter", "Digest length does not match the algorithm.");
            return;
        }
        byte[] signature;
        switch (alg, key)
        {
            case ("PS256", RSA rsa): signature = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss); break;
            case ("RS256", RSA rsa): signature = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1); break;
            // Key Vault returns EC signatures as JWS raw r‖s.
            case ("ES256", ECDsa ec): signature = ec.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation); break;
            default:
                await Error(context, 400, "BadParameter", $"Algorithm {alg} does not fit the key.");
                return;
        }
        await Json(context, 200, new JsonObject { ["kid"] = Kid(name, version), ["value"] = Base64Url.EncodeToString(signature) });
    }

    private async Task Verify(HttpContext context, string name, string version)
    {
        if (!_keys.TryGetValue(name + "/" + version, out var key))
        {
            await Error(context, 404, "KeyNotFound", "Key not found.");
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var alg = body?["alg"]?.GetValue<string>();
        var digest = Base64Url.DecodeFromChars(body?["digest"]?.GetValue<string>() ?? "");
        var signature = Base64Url.DecodeFromChars(body?["value"]?.GetValue<string>() ?? "");
        var ok = (alg, key) switch
        {
            ("PS256", RSA rsa) => rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("RS256", RSA rsa) => rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("ES256", ECDsa ec) => ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => false,
        };
        await Json(context, 200, new JsonObject { ["value"] = ok });
    }

    /// <summary>PUT /secrets/{name} (Set Secret): body {"value", "contentType"}; answers the new secret bundle.</summary>
    private async Task SetSecret(HttpContext context, string name)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        Secrets[name] = body?["value"]?.GetValue<string>() ?? "";
        await GetSecret(context, name);
    }

    private Task GetSecret(HttpContext context, string name) =>
        Secrets.TryGetValue(name, out var value)
            ? Json(context, 200, new JsonObject
            {
                ["value"] = value,
                ["id"] = $"{VaultUri.AbsoluteUri.TrimEnd('/')}/secrets/{name}/0001",
                ["attributes"] = new JsonObject { ["enabled"] = true },
            })
            : Error(context, 404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");

    private static JsonObject Jwk(string kid, AsymmetricAlgorithm key)
    {
        if (key is RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            return new JsonObject
            {
                ["kid"] = kid, ["kty"] = "RSA", ["key_ops"] = new JsonArray("sign", "verify"),
                ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
            };
        }
        var q = ((ECDsa)key).ExportParameters(false).Q;
        return new JsonObject
        {
            ["kid"] = kid, ["kty"] = "EC", ["crv"] = "P-256", ["key_ops"] = new JsonArray("sign", "verify"),
            ["x"] = Base64Url.EncodeToString(q.X), ["y"] = Base64Url.EncodeToString(q.Y),
        };
    }

    private static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
