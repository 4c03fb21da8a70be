namespace DevIdentity;

/// <summary>
/// The issuer identifier (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the configured one, else this request's
/// scheme, host and path base, so a provider on a free port in a test needs no configuration.
/// </summary>
public static class Issuer
{
    public static string Of(HttpContext context, DevIdentityOptions options) =>
        !string.IsNullOrEmpty(options.Issuer)
            ? options.Issuer
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
