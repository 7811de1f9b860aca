using Microsoft.Extensions.Options;
using Personalization.Models.Clip;
using Personalization.Models.Onnx;
using Personalization.TestSupport;
using SkiaSharp;

namespace Personalization.Models.Tests.Clip;

/// <summary>Builds CLIP encoders on the random-weight fixtures in ../shared/models/tiny-clip.</summary>
internal static class TinyClip
{
    private static readonly Lazy<ClipTokenizer> SharedTokenizer =
        new(() => ClipTokenizer.Load(SharedData.Model("clip/bpe_simple_vocab_16e6.txt.gz")));

    public static ClipTokenizer Tokenizer => SharedTokenizer.Value;

    public static OnnxSessionFactory Factory()
    {
        var modelOptions = new ModelOptions();
        modelOptions.Directories.Add(SharedData.ModelsDirectory);
        var options = Options.Create(modelOptions);
        return new OnnxSessionFactory(options, new ModelLocator(options));
    }

    public static IOptions<ClipOptions> ClipOptions(int maxBatchSize = 32) => Options.Create(new ClipOptions
    {
        VisionModel = "tiny-clip/vision_model.onnx",
        TextModel = "tiny-clip/text_model.onnx",
        MaxBatchSize = maxBatchSize,
    });

    public static ClipImageEncoder ImageEncoder(int maxBatchSize = 32) => new(Factory(), ClipOptions(maxBatchSize));

    public static ClipTextEncoder TextEncoder(int maxBatchSize = 32) => new(Factory(), Tokenizer, ClipOptions(maxBatchSize));

    /// <summary>A bitmap of seeded random pixels; the caller disposes it.</summary>
    public static SKBitmap NoiseBitmap(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var bytes = new byte[width * height * 4];
        random.NextBytes(bytes);
        for (var i = 3; i < bytes.Length; i += 4)
        {
            bytes[i] = 255;
        }

        bytes.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>A bitmap of one colour; the caller disposes it.</summary>
    public static SKBitmap SolidBitmap(int width, int height, SKColor color, SKColorType colorType = SKColorType.Rgba8888)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, SKAlphaType.Premul));
        bitmap.Erase(color);
        return bitmap;
    }

    public static float Norm(float[] v) => MathF.Sqrt(v.Sum(x => x * x));

    public static float MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
