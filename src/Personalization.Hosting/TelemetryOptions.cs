namespace Personalization.Hosting;

/// <summary>Telemetry beyond Application Insights (configuration section <c>Telemetry</c>; the CLI's <c>--trace</c> sets <see cref="Console"/>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Write one line per finished span (stage, duration, tags) to standard error.</summary>
    public bool Console { get; set; }
}
