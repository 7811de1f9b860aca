using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Core.Ports;
using Personalization.Models.Analysis;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;

namespace Personalization.Models;

public static class ModelsServiceCollectionExtensions
{
    /// <summary>ONNX Runtime models: detector, image and text encoders, the image analyzer. Sessions load on first use.</summary>
    public static IServiceCollection AddOnnxModels(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DetectionOptions>().BindConfiguration(DetectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EncoderOptions>().BindConfiguration(EncoderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImageLimits>().BindConfiguration(ImageLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModelLocator>();
        services.TryAddSingleton<OnnxSessionFactory>();
        services.TryAddSingleton<SkiaImageDecoder>();
        services.TryAddSingleton<ITextEncoder, MiniLmTextEncoder>();
        services.TryAddSingleton<IImageAnalyzer, OnnxImageAnalyzer>();
        return services;
    }
}
