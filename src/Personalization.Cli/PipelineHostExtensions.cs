using Microsoft.Extensions.Hosting;
using Personalization.Core;
using Personalization.Local;
using Personalization.Models;
using Personalization.Reasoning;

namespace Personalization.Cli;

public static class PipelineHostExtensions
{
    /// <summary>The whole pipeline on embedded defaults: ONNX models, offline reasoner, embedded index.</summary>
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddPersonalizationCore()
            .AddOnnxModels()
            .AddOfflineReasoner()
            .AddEmbeddedDefaults();
        return builder;
    }
}
