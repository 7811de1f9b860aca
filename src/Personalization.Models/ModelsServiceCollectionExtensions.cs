using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Core.Ports;
using Microsoft.Extensions.Options;
using Personalization.Models.Analysis;
using Personalization.Models.Clip;
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
        services.AddOptions<LocalFeatures.LocalFeatureOptions>().BindConfiguration(LocalFeatures.LocalFeatureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<LocalFeatures.SiftExtractor>();
        services.TryAddSingleton<ILocalFeatureMatcher, LocalFeatures.SiftMatcher>();
        services.AddOptions<ImageLimits>().BindConfiguration(ImageLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModelLocator>();

        // What kind of thing each ImageNet label names, from the labels file the classifier reads (enrolment checks derived
        // labels against the user's category with it).
        services.TryAddSingleton(sp => Core.Enrollment.LabelKinds.FromImageNet(File.ReadAllLines(
            sp.GetRequiredService<ModelLocator>().Locate(sp.GetRequiredService<IOptions<EncoderOptions>>().Value.ImageNetLabels))));
        services.TryAddSingleton<OnnxSessionFactory>();
        services.TryAddSingleton<SkiaImageDecoder>();
        services.TryAddSingleton<ThumbnailWriter>();
        services.TryAddSingleton<Core.Preference.IPreferenceImageReader, Preference.SkiaPreferenceImageReader>();
        services.TryAddSingleton<IImageResizer, SkiaImageResizer>();
        services.AddOptions<ClipOptions>().BindConfiguration(ClipOptions.SectionName).ValidateDataAnnotations();
        services.TryAddSingleton<MiniLmTextEncoder>();
        services.TryAddSingleton<LabelVectorCache>();
        services.TryAddSingleton(sp => ClipTokenizer.Load(sp.GetRequiredService<ModelLocator>().Locate(sp.GetRequiredService<IOptions<ClipOptions>>().Value.Vocabulary)));

        // The text space follows the image encoder: CLIP's own text tower with CLIP, MiniLM (with the label bridge) otherwise.
        services.TryAddSingleton<ITextEncoder>(sp => sp.GetRequiredService<IOptions<EncoderOptions>>().Value.Image == "clip"
            ? new ClipTextEncoder(sp.GetRequiredService<OnnxSessionFactory>(), sp.GetRequiredService<ClipTokenizer>(), sp.GetRequiredService<IOptions<ClipOptions>>())
            : sp.GetRequiredService<MiniLmTextEncoder>());
        services.TryAddSingleton<IImageAnalyzer>(sp => new OnnxImageAnalyzer(
            sp.GetRequiredService<OnnxSessionFactory>(),
            sp.GetRequiredService<SkiaImageDecoder>(),
            sp.GetRequiredService<MiniLmTextEncoder>(),
            sp.GetRequiredService<IOptions<DetectionOptions>>(),
            sp.GetRequiredService<IOptions<EncoderOptions>>(),
            sp.GetRequiredService<IOptions<ClipOptions>>(),
            sp.GetRequiredService<Core.Diagnostics.StageTimings>(),
            sp.GetRequiredService<LocalFeatures.SiftExtractor>(),
            sp.GetRequiredService<LabelVectorCache>()));
        return services;
    }
}
