using Microsoft.Extensions.Options;
using Personalization.Models.Clip;
using Personalization.Models.Onnx;
using Personalization.TestSupport;
using SkiaSharp;

namespace Personalization.Models.Tests.Clip;

/// <summary>
/// Feeds the encoders to the <see cref="ProbeModels"/>, whose outputs show exactly what was fed: the attention mask,
/// fixed batch and sequence sizes, and embedding widths the model does not declare.
/// </summary>
public sealed class ClipEncoderProbeTests : IDisposable
{
    private readonly ProbeModels _models = new();

    public void Dispose() => _models.Dispose();

    [SharedFact]
    public async Task TextModelWithAttentionMask_GetsOnesOverTheTokensAndZerosOverThePadding()
    {
        using var encoder = TextEncoder(_models.TextModel(fixedLength: null, declareWidth: true));
        string[] texts = ["cat", "a photo of a cat", string.Join(' ', Enumerable.Repeat("teapot", 120))];

        var vectors = await encoder.EncodeAsync(texts);

        Assert.Equal(2, encoder.Dimension);
        for (var i = 0; i < texts.Length; i++)
        {
            var row = TinyClip.Tokenizer.EncodeBatch([texts[i]]); // 77 positions: the longest text fills the context
            var tokens = row.Take(Math.Min(TinyClip.Tokenizer.Encode(texts[i]).Length, 77)).ToArray();
            var meanId = (double)tokens.Sum() / tokens.Length;
            AssertClose(meanId, vectors[i][0] / (double)vectors[i][1]);
            Assert.Equal(1f, TinyClip.Norm(vectors[i]), 5);
        }
    }

    [SharedFact]
    public async Task TextModelWithFixedLengthAndUndeclaredWidth_IsFedFullRowsAndProbed()
    {
        using var encoder = TextEncoder(_models.TextModel(fixedLength: 77, declareWidth: false));

        var vectors = await encoder.EncodeAsync(["cat", "dog"]);

        Assert.Equal(2, encoder.Dimension);
        AssertClose((49406 + 2368 + 49407) / 3.0, vectors[0][0] / (double)vectors[0][1]);
        AssertClose((49406 + 1929 + 49407) / 3.0, vectors[1][0] / (double)vectors[1][1]);
    }

    [Fact]
    public async Task VisionModelWithFixedBatchAndUndeclaredWidth_RunsImageByImage()
    {
        var options = Options.Create(new ClipOptions { VisionModel = _models.VisionModel(fixedBatch: 1) });
        using var encoder = new ClipImageEncoder(Factory(), options);
        SKColor[] colors = [new(200, 100, 50), new(10, 250, 120), new(128, 128, 128)];
        var images = colors.Select(c => TinyClip.SolidBitmap(320, 200, c)).ToArray();
        try
        {
            var vectors = await encoder.EncodeAsync(images);

            Assert.Equal(3, encoder.Dimension);
            for (var i = 0; i < colors.Length; i++)
            {
                // The model returns the channel means, which for one colour are its normalised values (the float
                // mean over 224² pixels is not exact, and grey is close to the mean colour, hence 1e-4).
                var expected = new[]
                {
                    ((colors[i].Red / 255f) - 0.48145466f) / 0.26862954f,
                    ((colors[i].Green / 255f) - 0.4578275f) / 0.26130258f,
                    ((colors[i].Blue / 255f) - 0.40821073f) / 0.27577711f,
                };
                var norm = TinyClip.Norm(expected);
                Assert.True(TinyClip.MaxAbsDifference(expected.Select(x => x / norm).ToArray(), vectors[i]) < 1e-4f, $"{i}: {string.Join(",", expected.Select(x => x / norm))} vs {string.Join(",", vectors[i])}");
            }
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>Float sums of ids near 5·10⁴ keep about 6 significant digits.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Abs(expected), $"expected {expected}, got {actual}");

    private static OnnxSessionFactory Factory()
    {
        var options = Options.Create(new ModelOptions());
        return new OnnxSessionFactory(options, new ModelLocator(options));
    }

    private static ClipTextEncoder TextEncoder(string modelPath) =>
        new(Factory(), TinyClip.Tokenizer, Options.Create(new ClipOptions { TextModel = modelPath }));
}
