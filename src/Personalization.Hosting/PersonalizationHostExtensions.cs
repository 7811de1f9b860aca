using Microsoft.Extensions.Hosting;
using Personalization.Core;
using Personalization.Local;
using Personalization.Models;
using Personalization.Reasoning;

namespace Personalization.Hosting;

/// <summary>
/// The one composition of the pipeline, for every host: the CLI (and its worker and web app), the Azure Functions app and
/// the tests. Core services, the ONNX models, the reasoner the <c>Reasoning</c> section chooses (offline by default, or a
/// VLM behind IChatClient, with the offline reasoner as the per-item fallback) and the embedded defaults for whatever a
/// host has not registered before (a host's own adapters, such as <c>AddAzureWorkflow</c>'s blob stores, go first).
/// </summary>
public static class PersonalizationHostExtensions
{
    public static IHostApplicationBuilder AddPersonalization(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddPersonalizationCore()
            .AddOnnxModels()
            .AddReasoning(builder.Configuration)
            .AddEmbeddedDefaults();
        return builder;
    }
}
