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
}
