using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Personalization.Models.Clip;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;
using SkiaSharp;

namespace Personalization.Models.Benchmarks;

/// <summary>
/// Times a CLIP image tower (e.g. the ViT-B/32-shaped model from shared/tools/make_clip_b32_random.py) two ways:
/// through <see cref="ClipImageEncoder"/> on decoded photos (preprocessing included), and as the bare session on a
/// ready tensor. The difference is the pipeline's overhead.
/// </summary>
public static class ClipBenchmark
{
    public static async Task<IReadOnlyList<StageStats>> RunAsync(
        OnnxSessionFactory sessions, SkiaImageDecoder decoder, string modelPath, IReadOnlyList<string> files, IReadOnlyList<int> batchSizes, int rounds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(decoder);
        using var encoder = new ClipImageEncoder(sessions, Options.Create(new ClipOptions { VisionModel = modelPath, MaxBatchSize = batchSizes.Max() }));
        using var bare = sessions.Create(modelPath);
        var images = new List<DecodedImage>();
        try
        {
            foreach (var f in files)
            {
                images.Add(decoder.Decode(await File.ReadAllBytesAsync(f, cancellationToken).ConfigureAwait(false)));
            }

            var stats = new List<StageStats>();
            foreach (var batch in batchSizes)
            {
                var bitmaps = Enumerable.Range(0, batch).Select(i => images[i % images.Count].Bitmap).ToList<SKBitmap>();
                var piped = new List<TimeSpan>();
                var raw = new List<TimeSpan>();
                var tensor = new float[batch * 3 * 224 * 224];
                for (var round = 0; round <= rounds; round++)
                {
                    var t = Stopwatch.GetTimestamp();
                    await encoder.EncodeAsync(bitmaps, cancellationToken).ConfigureAwait(false);
                    var mid = Stopwatch.GetTimestamp();
                    using (var input = OrtValue.CreateTensorValueFromMemory(tensor, [batch, 3, 224, 224]))
                    using (var runOptions = new RunOptions())
                    using (var outputs = bare.Run(runOptions, [bare.InputNames[0]], [input], [bare.OutputNames[0]]))
                    {
                        _ = outputs[0].GetTensorDataAsSpan<float>()[0];
                    }

                    if (round > 0)
                    {
                        piped.Add(Stopwatch.GetElapsedTime(t, mid));
                        raw.Add(Stopwatch.GetElapsedTime(mid));
                    }
                }

                stats.Add(StageStats.From("clip-b32 (pipeline)", batch, "image", piped, batch));
                stats.Add(StageStats.From("clip-b32 (model alone)", batch, "image", raw, batch));
            }

            return stats;
        }
        finally
        {
            foreach (var i in images)
            {
                i.Dispose();
            }
        }
    }
}
