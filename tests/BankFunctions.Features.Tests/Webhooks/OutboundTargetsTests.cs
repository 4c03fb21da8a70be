using System.Net;
using BankFunctions.Features.Webhooks;

namespace BankFunctions.Features.Tests.Webhooks;

/// <summary>The SSRF guard: which URLs an endpoint may have and which addresses a delivery may connect to.</summary>
public sealed class OutboundTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud instance metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Internal_addresses_are_refused_in_production(string address) =>
        Assert.False(OutboundTargets.Allowed(IPAddress.Parse(address), development: false));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(OutboundTargets.Allowed(IPAddress.Parse(address), development: false));

    [Fact]
    public void Loopback_is_allowed_only_in_development_and_private_ranges_never() 
    {
        Assert.True(OutboundTargets.Allowed(IPAddress.Loopback, development: true));
        Assert.False(OutboundTargets.Allowed(IPAddress.Parse("10.0.0.1"), development: true));
    }

    [Theory]
    [InlineData("https://hooks.example.com/bank", false, null)]
    [InlineData("http://hooks.example.com/bank", false, "must be https.")]
    [InlineData("http://127.0.0.1:9000/hook", true, null)]
    [InlineData("http://localhost:9000/hook", true, null)]
    [InlineData("http://127.0.0.1:9000/hook", false, "must be https.")]
    [InlineData("https://127.0.0.1/hook", false, "must not point at a private, loopback or link-local address.")]
    [InlineData("https://localhost/hook", false, "must not point at a private, loopback or link-local address.")]
    [InlineData("https://169.254.169.254/latest", false, "must not point at a private, loopback or link-local address.")]
    [InlineData("https://[::1]/hook", false, "must not point at a private, loopback or link-local address.")]
    [InlineData("https://user:pw@hooks.example.com/", false, "must not carry user information or a fragment.")]
    [InlineData("ftp://hooks.example.com/", false, "must be https.")]
    [InlineData("hooks.example.com/bank", false, "must be an absolute https URL.")]
    public void Endpoint_urls_are_https_and_point_outside(string url, bool development, string? error) =>
        Assert.Equal(error, OutboundTargets.CheckUrl(url, development));
}
