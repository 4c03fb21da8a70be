using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>The public JWK part of a Key Vault key bundle (RSA: n, e; EC: crv, x, y).</summary>
public sealed record KeyVaultPublicKey(string Kid, string Kty, byte[]? N, byte[]? E, string? Crv, byte[]? X, byte[]? Y)
{
    public string ToPem()
    {
        if (Kty.StartsWith("RSA", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = N, Exponent = E });
            return rsa.ExportSubjectPublicKeyInfoPem();
        }
        if (Kty.StartsWith("EC", StringComparison.Ordinal) && Crv == "P-256")
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = X, Y = Y } });
            return ec.ExportSubjectPublicKeyInfoPem();
        }
        throw new SigningException($"Key type {Kty} {Crv} is not supported.");
    }
}

/// <summary>
/// The few Key Vault keys REST operations we need (create, get, sign), called through an Azure.Core
/// <see cref="HttpPipeline"/> with bearer-token auth and the pipeline's retry policy. Exists because the
/// Azure.Security.KeyVault.Keys package cannot be restored in this environment.
/// </summary>
public sealed class KeyVaultKeysClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _vaultUri;
    private readonly string _apiVersion;

    public KeyVaultKeysClient(Uri vaultUri, TokenCredential credential, KeyVaultClientOptions? options = null)
    {
        options ??= new KeyVaultClientOptions();
        _vaultUri = new Uri(vaultUri.AbsoluteUri.TrimEnd('/') + "/");
        _apiVersion = options.ApiVersion;
        // Auth is per retry so a retried request carries a fresh token. BearerTokenAuthenticationPolicy refuses
        // non-TLS endpoints, so even the test fake runs on https.
        _pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies: [new BearerTokenAuthenticationPolicy(credential, options.Scope)],
            responseClassifier: new ResponseClassifier());
    }

    public Uri VaultUri => _vaultUri;

    /// <summary>POST {vault}/keys/{name}/create — RSA 2048 or EC P-256, sign/verify only.</summary>
    public async Task<KeyVaultPublicKey> CreateKeyAsync(string name, SigningKeyKind kind, CancellationToken cancellationToken)
    {
        var body = kind switch
        {
            SigningKeyKind.Rsa2048 => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["kty"] = "RSA", ["key_size"] = 2048, ["key_ops"] = new[] { "sign", "verify" },
            }),
            SigningKeyKind.EcP256 => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["key_ops"] = new[] { "sign", "verify" },
            }),
            _ => throw new SigningException($"Key Vault keys do not support {kind}; SM2 keys live in Key Vault secrets."),
        };
        using var doc = await SendAsync(RequestMethod.Post, $"keys/{Uri.EscapeDataString(name)}/create", body, cancellationToken);
        return ReadKey(doc.RootElement);
    }

    /// <summary>GET {vault}/keys/{name}/{version} — the public JWK.</summary>
    public async Task<KeyVaultPublicKey> GetKeyAsync(string name, string version, CancellationToken cancellationToken)
    {
        using var doc = await SendAsync(RequestMethod.Get, KeyPath(name, version), null, cancellationToken);
        return ReadKey(doc.RootElement);
    }

    /// <summary>POST {vault}/keys/{name}/{version}/sign — signs a digest; returns the kid that signed and the signature.</summary>
    public async Task<(string Kid, byte[] Signature)> SignDigestAsync(string name, string version, string algorithm, byte[] digest, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = algorithm,
            ["value"] = Base64Url.EncodeToString(digest),
        });
        using var doc = await SendAsync(RequestMethod.Post, KeyPath(name, version) + "/sign", body, cancellationToken);
        var root = doc.RootElement;
        var kid = root.TryGetProperty("kid", out var k) ? k.GetString() ?? "" : "";
        var value = root.TryGetProperty("value", out var v) ? v.GetString() : null;
        if (string.IsNullOrEmpty(value))
        {
            throw new SigningException("Key Vault sign response has no value.");
        }
        return (kid, Base64Url.DecodeFromChars(value));
    }

    /// <summary>
    /// POST {vault}/keys/{name}/{version}/wrapkey or /unwrapkey (<paramref name="operation"/>) — body {"alg","value": base64url};
    /// returns the kid that did it and the result. Used with RSA-OAEP-256 for the tenants' data keys (encryption at rest).
    /// </summary>
    public async Task<(string Kid, byte[] Value)> KeyOperationAsync(string name, string version, string operation, string algorithm, byte[] value,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = algorithm,
            ["value"] = Base64Url.EncodeToString(value),
        });
        using var doc = await SendAsync(RequestMethod.Post, KeyPath(name, version) + "/" + operation, body, cancellationToken);
        var root = doc.RootElement;
        var kid = root.TryGetProperty("kid", out var k) ? k.GetString() ?? "" : "";
        var result = root.TryGetProperty("value", out var v) ? v.GetString() : null;
        if (string.IsNullOrEmpty(result))
        {
            throw new SigningException($"Key Vault {operation} response has no value.");
        }
        return (kid, Base64Url.DecodeFromChars(result));
    }

    /// <summary>An empty version addresses the key's newest version.</summary>
    private static string KeyPath(string name, string version) =>
        version.Length == 0 ? $"keys/{Uri.EscapeDataString(name)}" : $"keys/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(version)}";

    private async Task<JsonDocument> SendAsync(RequestMethod method, string relative, byte[]? body, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(_vaultUri, relative + "?api-version=" + Uri.EscapeDataString(_apiVersion)));
        request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(body);
        }
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw new SigningException($"Key Vault {method} {relative} failed: transport error.", e.Status == 0 ? null : e.Status, e.ErrorCode, e);
        }
        var response = message.Response;
        if (response.IsError)
        {
            throw ToException(method, relative, response);
        }
        return await JsonDocument.ParseAsync(response.ContentStream ?? Stream.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Key Vault errors are {"error":{"code","message"}}. Only code and message are kept; request headers
    // (the bearer token) are never copied into the exception.
    private static SigningException ToException(RequestMethod method, string relative, Response response)
    {
        string? code = null;
        string? text = null;
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }
        if (text is { Length: > 300 })
        {
            text = text[..300];
        }
        return new SigningException($"Key Vault {method} {relative} failed with {response.Status} {code}: {text}", response.Status, code);
    }

    private static KeyVaultPublicKey ReadKey(JsonElement bundle)
    {
        if (!bundle.TryGetProperty("key", out var key))
        {
            throw new SigningException("Key Vault response has no key.");
        }
        static byte[]? B(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.GetString() is { } s ? Base64Url.DecodeFromChars(s) : null;
        return new KeyVaultPublicKey(
            key.GetProperty("kid").GetString() ?? "",
            key.GetProperty("kty").GetString() ?? "",
            B(key, "n"), B(key, "e"),
            key.TryGetProperty("crv", out var crv) ? crv.GetString() : null,
            B(key, "x"), B(key, "y"));
    }
}
