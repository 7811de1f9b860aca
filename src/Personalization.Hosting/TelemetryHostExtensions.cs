using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Personalization.Core.Diagnostics;

namespace Personalization.Hosting;

/// <summary>
/// Traces and metrics through OpenTelemetry: to Application Insights by the Azure Monitor exporter when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Bicep sets it on the Functions app), to an OTLP collector when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, and spans as lines on standard error with <c>Telemetry:Console</c> (the CLI's
/// <c>--trace</c>); with none of them nothing at all: no provider is built, and the pipeline's instruments
/// (<see cref="PipelineMetrics"/>) have no listener. With
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> = <c>Authorization=AAD</c> (local auth off), the exporter signs in
/// with the managed identity it names (<c>ClientId=…</c>) or <see cref="DefaultAzureCredential"/>.
/// </summary>
public static class TelemetryHostExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The durable task worker's spans (orchestrations and activities).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The service name on every span and metric (the <c>cloud_RoleName</c> in Application Insights).</summary>
    public const string ServiceName = "personalization";

    /// <summary>The OTLP collector's endpoint, the standard OpenTelemetry variable the OTLP exporter reads itself.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <returns>Whether telemetry is exported anywhere.</returns>
    public static bool AddPersonalizationTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        var azure = !string.IsNullOrWhiteSpace(connectionString);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        var console = (builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions()).Console;
        if (!azure && !otlp && !console)
        {
            return false;
        }

        var credential = azure ? Credential(builder.Configuration[AuthenticationStringSetting]) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(PipelineMetrics.Name, DurableTaskSource);
                if (azure)
                {
                    tracing.AddAzureMonitorTraceExporter(o =>
                    {
                        o.ConnectionString = connectionString;
                        o.Credential = credential;
                    });
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (console)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new StderrSpanExporter()));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.Name);
                if (azure)
                {
                    metrics.AddAzureMonitorMetricExporter(o =>
                    {
                        o.ConnectionString = connectionString;
                        o.Credential = credential;
                    });
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return true;
    }

    /// <summary>The Entra ID credential an authentication string such as <c>ClientId=…;Authorization=AAD</c> asks for, or null.</summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0 ? clientId : null,
        });
    }
}
