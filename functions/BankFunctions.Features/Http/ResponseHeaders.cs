using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>
/// Headers every response carries (issue #20 §4). API responses hold tenant data, payment details and, once, a new
/// API key: no shared or browser cache may keep them (RFC 9111 §5.2.2.5 no-store). nosniff stops a browser from
/// reading a JSON or problem body as anything else. Applied by the invoker (so both hosts send them) and, for the
/// framework's own responses (unknown routes, 405), by the Host's middleware.
/// </summary>
public static class ResponseHeaders
{
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
    }
}
