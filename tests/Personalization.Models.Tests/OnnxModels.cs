using Microsoft.Extensions.Options;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;
using Personalization.TestSupport;

namespace Personalization.Models.Tests;

/// <summary>Builds the real models over ../shared/models on the CPU.</summary>
internal static class OnnxModels
{
    /// <summary>A session factory over ../shared/models (or no folders when it is absent: MiniLM needs none).</summary>
    public static OnnxSessionFactory Factory()
    {
        var modelOptions = new ModelOptions { IntraOpThreads = 2 };
        if (SharedData.IsAvailable)
        {
            modelOptions.Directories.Add(SharedData.ModelsDirectory);
        }

        var options = Options.Create(modelOptions);
        return new OnnxSessionFactory(options, new ModelLocator(options));
    }

    public static SkiaImageDecoder Decoder(ImageLimits? limits = null) => new(Options.Create(limits ?? new ImageLimits()));
}
