using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Standard Webhooks signing (https://www.standardwebhooks.com, "Signature scheme"): the secret is "whsec_" + base64
/// of random bytes; the signature is HMAC-SHA256 keyed with those bytes over "{webhook-id}.{webhook-timestamp}.{body}",
/// sent as "v1,{base64}" in webhook-signature, space-separated when several secrets are valid (a rotation's 24 hours).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes (the spec asks for 24 to 64).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The webhook-signature header: one "v1,…" per secret, newest first.</summary>
    public static string Header(IEnumerable<string> secrets, string webhookId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, webhookId, timestamp, body)));
}
