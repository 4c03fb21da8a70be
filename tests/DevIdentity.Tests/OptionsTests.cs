using Microsoft.Extensions.Configuration;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>Configuration mistakes stop the start with every problem named.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Invalid_configuration_names_each_problem()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["DevIdentity:Issuer"] = "http://127.0.0.1:7090/",
            ["DevIdentity:Clients:0:ClientId"] = "a",
            ["DevIdentity:Clients:0:RedirectUris:0"] = "http://127.0.0.1/cb#fragment",
            ["DevIdentity:Clients:1:ClientId"] = "a",
            ["DevIdentity:Users:0:Email"] = "not-an-address",
            ["DevIdentity:Users:0:Password"] = "x",
            ["DevIdentity:Users:1:Email"] = "u@demo.test",
        });
        var problem = Assert.Throws<InvalidOperationException>(options.Validate).Message;
        Assert.Contains("must not end with '/'", problem, StringComparison.Ordinal);
        Assert.Contains("'http://127.0.0.1/cb#fragment' is not an absolute http(s) URI without a fragment", problem, StringComparison.Ordinal);
        Assert.Contains("Clients:1:ClientId 'a' is registered twice", problem, StringComparison.Ordinal);
        Assert.Contains("Clients:1:RedirectUris is empty", problem, StringComparison.Ordinal);
        Assert.Contains("Users:0:Email 'not-an-address'", problem, StringComparison.Ordinal);
        Assert.Contains("Users:1:Password is missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_configuration_binds_from_the_documented_keys()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["DevIdentity:Issuer"] = "http://127.0.0.1:7090",
            ["DevIdentity:Clients:0:ClientId"] = "bankfunctions-console",
            ["DevIdentity:Clients:0:ClientSecret"] = "s",
            ["DevIdentity:Clients:0:RedirectUris:0"] = "http://127.0.0.1:7071/auth/callback",
            ["DevIdentity:Clients:0:PostLogoutRedirectUris:0"] = "http://127.0.0.1:7071/console/",
            ["DevIdentity:Users:0:Email"] = "submitter@demo.test",
            ["DevIdentity:Users:0:Name"] = "Sam Submitter",
            ["DevIdentity:Users:0:Password"] = "p",
        });
        options.Validate();
        var client = Assert.Single(options.Clients);
        Assert.Equal(["http://127.0.0.1:7071/auth/callback"], client.RedirectUris);
        Assert.Equal(["http://127.0.0.1:7071/console/"], client.PostLogoutRedirectUris);
        Assert.Equal("Sam Submitter", Assert.Single(options.Users).Name);
    }

    private static DevIdentityOptions Bind(Dictionary<string, string?> values)
    {
        var options = new DevIdentityOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(DevIdentityOptions.Section).Bind(options);
        return options;
    }
}
