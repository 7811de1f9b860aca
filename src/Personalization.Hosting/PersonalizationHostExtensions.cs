using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Azure;
using Personalization.Core;
using Personalization.Local;
using Personalization.Models;
using Personalization.Reasoning;

namespace Personalization.Hosting;

/// <summary>
/// The one composition of the pipeline, for every host: the CLI (and its worker and web app), the Azure Functions app and
/// the tests. Core services, the ONNX models, the reasoner the <c>Reasoning</c> section chooses (offline by default, or a
/// VLM behind IChatClient, with the offline reasoner as the per-item fallback) and the embedded defaults for whatever a
/// host's adapters do not bring, and telemetry to Application Insights when its connection string is set
/// (<see cref="TelemetryHostExtensions"/>). Neither call order nor calling twice matters: <see cref="AddPersonalization"/> runs
/// once per service collection, its defaults only fill gaps, and a host's adapters (<c>AddAzureWorkflow</c>'s blob stores,
/// Azure AI Search) replace the defaults they stand for whenever they are added.
/// </summary>
public static class PersonalizationHostExtensions
{
    public static IHostApplicationBuilder AddPersonalization(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(Composed)))
        {
            return builder;
        }

        builder.Services.AddSingleton<Composed>();
        builder.Services
            .AddPersonalizationCore()
            .AddOnnxModels()
            .AddReasoning(builder.Configuration)
            .AddEmbeddedDefaults();
        builder.AddPersonalizationTelemetry();
        return builder;
    }

    /// <summary>
    /// The event-driven workflow over Azure Storage (blob stores, trigger handlers, durable activities' services, Search
    /// and Service Bus when configured) on the pipeline: what the Functions app and the CLI's local worker both run. The
    /// durable task backend is the host's own (the Functions extension, or the worker's in-process one).
    /// </summary>
    public static IHostApplicationBuilder AddPersonalizationWorkflow(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAzureWorkflow();
        return builder.AddPersonalization();
    }

    /// <summary>Marks a service collection that <see cref="AddPersonalization"/> has composed.</summary>
    private sealed class Composed;
}
