using System.Net;
using System.Net.Sockets;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Where a webhook may go (SSRF guard, issue #14): https only; in production never to a loopback, private, link-local,
/// shared (CGNAT), multicast or unspecified address, whatever name points there; in development loopback (http or
/// https) is allowed so a local receiver works. Checked on the URL when an endpoint is registered and on every address
/// the name resolves to at each attempt (<see cref="WebhookHttp"/> connects only to an address that passed).
/// </summary>
public static class OutboundTargets
{
    /// <summary>Null when <paramref name="url"/> may be registered, else why not (a field error's message).</summary>
    public static string? CheckUrl(string? url, bool development)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return "must be an absolute https URL.";
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must not carry user information or a fragment.";
        }
        var loopback = uri.IsLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps && !(development && loopback && uri.Scheme == Uri.UriSchemeHttp))
        {
            return development ? "must be https (http only to a loopback address in development)." : "must be https.";
        }
        if (IPAddress.TryParse(uri.IdnHost, out var literal) && !Allowed(literal, development))
        {
            return "must not point at a private, loopback or link-local address.";
        }
        if (!development && (loopback || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return "must not point at a private, loopback or link-local address.";
        }
        return null;
    }

    /// <summary>Whether a connection to <paramref name="address"/> is allowed.</summary>
    public static bool Allowed(IPAddress address, bool development)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return development;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // "this network"
                || b[0] == 10
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // RFC 6598 shared address space
                || (b[0] == 169 && b[1] == 254) // link-local (cloud metadata endpoints)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
                || b[0] >= 224); // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                || address.IsIPv6Teredo);
        }
        return false;
    }
}
