namespace BankFunctions.Features.Health;

/// <summary>Configured banks: <c>Banks__&lt;bank&gt;__BaseUrl</c> (docs/CONFIGURATION.md).</summary>
public sealed class BankEndpointsOptions
{
    public const string Section = "Banks";

    public Dictionary<string, BankEndpoint> Banks { get; } = new(StringComparer.Ordinal);
}

public sealed class BankEndpoint
{
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one bank call may take before its outcome counts as unknown.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long the bank's circuit stays open once it broke (calls are refused without being sent meanwhile).</summary>
    public int BreakerBreakSeconds { get; set; } = 30;

    /// <summary>The bank's response-signing key (CMB-style bank), or where to fetch it once (BankSim publishes it).</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>Refuses to start with settings the bank pipeline cannot run with, naming the setting.</summary>
    public void Validate(string settingName)
    {
        if (TimeoutSeconds < 1)
        {
            throw new InvalidOperationException($"Banks__{settingName}__TimeoutSeconds must be at least 1 (is {TimeoutSeconds}).");
        }
        if (BreakerBreakSeconds < 1)
        {
            throw new InvalidOperationException($"Banks__{settingName}__BreakerBreakSeconds must be at least 1 (is {BreakerBreakSeconds}).");
        }
    }
    public Uri? PublicKeyUrl { get; set; }
}
