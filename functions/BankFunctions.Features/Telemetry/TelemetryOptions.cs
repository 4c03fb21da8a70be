namespace BankFunctions.Features.Telemetry;

/// <summary>Settings of section <c>Telemetry</c> (docs/CONFIGURATION.md).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// <c>auto</c> (default): Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (both when both are), the console otherwise; <c>none</c>: no exporter
    /// (the tests' hosts; the trace context still flows); <c>custom</c>: traces and metrics are collected but exported
    /// only where the application adds an exporter in code (the tests' in-memory exporter).
    /// </summary>
    public string Exporter { get; set; } = Auto;

    /// <summary>How long the platform figures (overview route and gauges) are reused before storage is read again.</summary>
    public int OverviewCacheSeconds { get; set; } = 60;

    /// <summary>Whether this instance reports the platform figures as gauges (each instance reads them, at most once per cache period).</summary>
    public bool OverviewGauges { get; set; } = true;

    public const string Auto = "auto";
    public const string None = "none";
    public const string Custom = "custom";

    public void Validate()
    {
        if (Exporter is not (Auto or None or Custom))
        {
            throw new InvalidOperationException("Telemetry__Exporter must be auto, none or custom.");
        }
        if (OverviewCacheSeconds is < 1 or > 3600)
        {
            throw new InvalidOperationException("Telemetry__OverviewCacheSeconds must be between 1 and 3600.");
        }
    }
}
