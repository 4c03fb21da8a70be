using BankFunctions.Features.Webhooks;

namespace BankFunctions.Features.Tests.Webhooks;

/// <summary>Standard Webhooks signing against the specification's own example.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_specifications_example_signs_to_its_published_signature()
    {
        // standard-webhooks/standard-webhooks, spec and reference libraries' test vector.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void During_a_rotation_the_header_carries_one_signature_per_secret_and_new_secrets_are_random()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();

        var header = WebhookSignature.Header([a, b], "evt_1", 1700000000, "{}");

        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(a["whsec_".Length..]).Length);
        Assert.Equal([WebhookSignature.Sign(a, "evt_1", 1700000000, "{}"), WebhookSignature.Sign(b, "evt_1", 1700000000, "{}")], header.Split(' '));
    }
}
