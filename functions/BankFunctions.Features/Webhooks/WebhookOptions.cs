namespace BankFunctions.Features.Webhooks;

/// <summary>Settings "Webhooks:…" (docs/CONFIGURATION.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Development mode: endpoints on loopback (http or https) may be registered and reached, so a receiver on the
    /// developer's machine works. Never in production: there the SSRF guard refuses loopback, private and link-local targets.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Seconds a receiver has to answer 2xx (Standard Webhooks: 15).</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Endpoints a tenant may register.</summary>
    public int MaxEndpointsPerTenant { get; set; } = 20;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public void Validate()
    {
        if (TimeoutSeconds is < 1 or > 60)
        {
            throw new InvalidOperationException("Webhooks:TimeoutSeconds must be from 1 to 60.");
        }
        if (MaxEndpointsPerTenant is < 1 or > 1000)
        {
            throw new InvalidOperationException("Webhooks:MaxEndpointsPerTenant must be from 1 to 1000.");
        }
    }
}
