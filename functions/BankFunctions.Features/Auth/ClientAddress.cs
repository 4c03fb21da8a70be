using System.Net;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Auth;

/// <summary>
/// The address the failed-authentication budget is kept for. Directly exposed, the TCP peer. Behind reverse proxies
/// (Container Apps ingress, the Functions front end) the peer is the proxy, so with <c>RateLimit__ForwardedHops</c> = n
/// the n-th X-Forwarded-For entry from the right is taken: each trusted proxy appends the address it was called from,
/// so entries left of those are whatever the client wrote and are never trusted (a client could name any address).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context, int forwardedHops) =>
        From(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"].ToString(), forwardedHops);

    public static string From(IPAddress? peer, string forwardedFor, int forwardedHops)
    {
        if (forwardedHops > 0 && forwardedFor.Length > 0)
        {
            var entries = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (entries.Length >= forwardedHops && Parse(entries[^forwardedHops]) is { } forwarded)
            {
                return forwarded.ToString();
            }
        }
        return peer?.ToString() ?? "unknown";
    }

    /// <summary>An address, with or without a port (App Service writes "203.0.113.7:52311", "[2001:db8::1]:443").</summary>
    private static IPAddress? Parse(string entry) =>
        IPAddress.TryParse(entry, out var address) ? address
        : IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address
        : null;
}
