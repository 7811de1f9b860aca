using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Personalization.Models.Analysis;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;

namespace Personalization.Models.Benchmarks;

/// <summary>
/// Times the perception stages one by one on the same images, after a warm-up pass: decode + preprocess
/// (decoding with limits, the detector's letterbox, rendering the region patches), detection (YOLOX inference,
/// decoding, NMS), and image embedding (MobileNetV2 over the regions) at several batch sizes. Not thread-safe;
/// owns the models it loads.
/// </summary>
public sealed class PerceptionBenchmark(OnnxSessionFactory sessions, SkiaImageDecoder decoder, IOptions<DetectionOptions> detection, IOptions<EncoderOptions> encoders) : IDisposable
{
    private readonly YoloxDetector _detector = new(sessions, detection);
    private readonly MobileNetV2Encoder _mobileNet = new(sessions, encoders);

    public async Task<IReadOnlyList<StageStats>> RunAsync(IReadOnlyList<string> files, IReadOnlyList<int> batchSizes, int rounds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(batchSizes);
        var bytes = new List<byte[]>(files.Count);
        foreach (var f in files)
        {
            bytes.Add(await File.ReadAllBytesAsync(f, cancellationToken).ConfigureAwait(false));
        }

        var decodeCalls = new List<TimeSpan>();
        var detectCalls = new List<TimeSpan>();
        var patches = new List<byte[]>();
        var tensor = ArrayPool<float>.Shared.Rent(YoloxDetector.InputLength);
        try
        {
            for (var round = 0; round <= rounds; round++)
            {
                foreach (var b in bytes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var start = Stopwatch.GetTimestamp();
                    using var image = decoder.Decode(b);
                    var ratio = YoloxDetector.Letterbox(image, tensor.AsSpan(0, YoloxDetector.InputLength));
                    var prepared = Stopwatch.GetTimestamp();
                    var detections = _detector.Infer(tensor.AsMemory(0, YoloxDetector.InputLength), ratio, image, cancellationToken);
                    var detected = Stopwatch.GetTimestamp();
                    var regions = RegionSelector.Select(detections.Detections, image.OriginalWidth, image.OriginalHeight, detection.Value, detections.Proposals);
                    using (var renderer = new PatchRenderer(MobileNetV2Encoder.InputSize, MobileNetV2Encoder.InputSize))
                    {
                        foreach (var r in regions)
                        {
                            renderer.RenderRegion(image, r.Box);
                            if (round == 0)
                            {
                                patches.Add(renderer.Pixels.ToArray());
                            }
                        }
                    }

                    var rendered = Stopwatch.GetTimestamp();
                    if (round > 0)
                    {
                        // Round 0 warms up caches and the sessions; it is not counted.
                        decodeCalls.Add(Stopwatch.GetElapsedTime(start, prepared) + Stopwatch.GetElapsedTime(detected, rendered));
                        detectCalls.Add(Stopwatch.GetElapsedTime(prepared, detected));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tensor);
        }

        var stats = new List<StageStats>
        {
            StageStats.From("decode+preprocess", 1, "image", decodeCalls, 1),
            StageStats.From("detection", 1, "image", detectCalls, 1),
        };
        var regionsPerImage = patches.Count / (double)Math.Max(1, bytes.Count);
        foreach (var batch in batchSizes)
        {
            var calls = TimeEmbedding(patches, batch, rounds, cancellationToken);
            var s = StageStats.From("embedding", batch, "region", calls, batch);
            stats.Add(s);
            stats.Add(new StageStats("embedding", batch, "image", (int)(s.Items / regionsPerImage), Math.Round(s.MedianMs * regionsPerImage, 2), Math.Round(s.P95Ms * regionsPerImage, 2), Math.Round(s.PerSecond / regionsPerImage, 1)));
        }

        return stats;
    }

    private List<TimeSpan> TimeEmbedding(List<byte[]> patches, int batch, int rounds, CancellationToken cancellationToken)
    {
        const int patchBytes = 4 * MobileNetV2Encoder.InputSize * MobileNetV2Encoder.InputSize;
        var buffer = new byte[batch * patchBytes];
        var calls = new List<TimeSpan>();
        var total = Math.Max(patches.Count, batch);
        for (var round = 0; round <= rounds; round++)
        {
            for (var start = 0; start + batch <= total; start += batch)
            {
                for (var j = 0; j < batch; j++)
                {
                    patches[(start + j) % patches.Count].CopyTo(buffer.AsSpan(j * patchBytes));
                }

                var t = Stopwatch.GetTimestamp();
                _mobileNet.Encode(buffer, batch, cancellationToken);
                if (round > 0)
                {
                    calls.Add(Stopwatch.GetElapsedTime(t));
                }
            }
        }

        return calls;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _mobileNet.Dispose();
    }
}
