using Microsoft.Extensions.Hosting;
using Personalization.Core;
using Personalization.Local;
using Personalization.Models;
using Personalization.Reasoning;

namespace Personalization.Cli;

public static class PipelineHostExtensions
{
    /// <summary>
    /// The whole pipeline on embedded defaults: ONNX models, the embedded index and image store, and the reasoner the
    /// <c>Reasoning</c> section chooses (offline by default, or a VLM behind IChatClient).
    /// </summary>
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
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
