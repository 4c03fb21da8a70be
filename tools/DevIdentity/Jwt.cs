using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace DevIdentity;

/// <summary>
/// The compact JWS serialisation of a JWT signed with RS256 (RFC 7515 §7.1, RFC 7519 §7.1): small enough to write
/// here, and the tests verify it with an independent library.
/// </summary>
public static class Jwt
{
    public static string Sign(SigningKey key, Action<Utf8JsonWriter> writeClaims)
    {
        // RFC 7515 §4.1.4: kid tells the relying party which key of /jwks to use.
        var header = Encode(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("typ", "JWT");
        });
        var payload = Encode(writeClaims);
        var signingInput = header + "." + payload;
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The payload of a token this provider signed with <paramref name="key"/>, or null (expiry is not checked).</summary>
    public static JsonElement? ReadVerified(SigningKey key, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256"
                || !key.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2])))
            {
                return null;
            }
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object ? payload.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Encode(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.ToArray());
    }
}
