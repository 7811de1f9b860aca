using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Personalization.Core.Domain;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;
using SkiaSharp;

namespace Personalization.Models.Detection;

/// <summary>
/// YOLOX-Nano (COCO-80) through ONNX Runtime: letterbox to 416² (top-left, padding 114, BGR 0..255),
/// decode the three strides, class-aware NMS, boxes back in original-image pixels.
/// Thread-safe (ONNX Runtime sessions allow concurrent runs); owns its session: dispose it.
/// </summary>
public sealed class YoloxDetector : IDisposable
{
    private const int InputSize = 416;
    private static readonly int[] Strides = [8, 16, 32];
    private static readonly float[] ZeroMean = [0, 0, 0];
    private static readonly float[] UnitStd = [1, 1, 1];

    private readonly InferenceSession _session;
    private readonly DetectionOptions _options;
    private readonly string _inputName;
    private readonly string _outputName;

    public YoloxDetector(OnnxSessionFactory sessions, IOptions<DetectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Labels = LoadLabels(sessions.Locator.Locate(_options.Labels));
        _session = sessions.Create(_options.Model);
        _inputName = _session.InputNames[0];
        _outputName = _session.OutputNames[0];
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Detects objects; boxes are in <paramref name="image"/>'s original (full-resolution, upright) pixels.</summary>
    public IReadOnlyList<Core.Domain.Detection> Detect(DecodedImage image, CancellationToken cancellationToken = default) =>
        DetectWithProposals(image, cancellationToken).Detections;

    /// <summary>The detections and the weaker boxes searched only as regions (<see cref="DetectorOutput"/>).</summary>
    public DetectorOutput DetectWithProposals(DecodedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = ArrayPool<float>.Shared.Rent(InputLength);
        try
        {
            var ratio = Letterbox(image, buffer.AsSpan(0, InputLength));
            return Infer(buffer.AsMemory(0, InputLength), ratio, image, cancellationToken);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    internal const int InputLength = 3 * InputSize * InputSize;

    /// <summary>Preprocessing: letterbox into <paramref name="tensor"/> (3×416×416, BGR 0..255); returns the scale used.</summary>
    internal static float Letterbox(DecodedImage image, Span<float> tensor)
    {
        var ratio = Math.Min(InputSize / (float)image.Width, InputSize / (float)image.Height);
        using var patch = new PatchRenderer(InputSize, InputSize);
        patch.RenderLetterbox(image.Image, ratio, new SKColor(114, 114, 114));
        TensorWriter.WritePlanar(patch.Pixels, InputSize, InputSize, tensor, bgr: true, scale: 1f, ZeroMean, UnitStd);
        return ratio;
    }

    /// <summary>The network, then decoding and NMS, on a letterboxed tensor.</summary>
    internal DetectorOutput Infer(Memory<float> tensor, float ratio, DecodedImage image, CancellationToken cancellationToken)
    {
        float[] raw;
        using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tensor, [1, 3, InputSize, InputSize]))
        using (var runOptions = new RunOptions())
        using (cancellationToken.Register(() => runOptions.Terminate = true))
        using (var outputs = _session.Run(runOptions, [_inputName], [input], [_outputName]))
        {
            raw = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        return Decode(raw, ratio * (1f / image.Scale), image.OriginalWidth, image.OriginalHeight);
    }

    /// <param name="ratio">Letterbox pixels per original pixel.</param>
    internal DetectorOutput Decode(ReadOnlySpan<float> output, float ratio, int width, int height)
    {
        var classes = Labels.Count;
        var rowLength = 5 + classes;
        var candidates = new List<Core.Domain.Detection>();
        var weak = new List<Core.Domain.Detection>();
        var row = 0;
        foreach (var stride in Strides)
        {
            var grid = InputSize / stride;
            for (var gy = 0; gy < grid; gy++)
            {
                for (var gx = 0; gx < grid; gx++, row++)
                {
                    var r = output.Slice(row * rowLength, rowLength);
                    var objectness = r[4];
                    var best = 0;
                    for (var c = 1; c < classes; c++)
                    {
                        if (r[5 + c] > r[5 + best])
                        {
                            best = c;
                        }
                    }

                    var classScore = r[5 + best];
                    var reported = objectness * classScore >= _options.ScoreThreshold || objectness >= _options.ObjectnessThreshold;
                    if (!reported && objectness < _options.ProposalObjectness)
                    {
                        continue;
                    }

                    var cx = (r[0] + gx) * stride / ratio;
                    var cy = (r[1] + gy) * stride / ratio;
                    var w = MathF.Exp(r[2]) * stride / ratio;
                    var h = MathF.Exp(r[3]) * stride / ratio;
                    var x0 = Math.Clamp(cx - (w / 2), 0, width);
                    var y0 = Math.Clamp(cy - (h / 2), 0, height);
                    var x1 = Math.Clamp(cx + (w / 2), 0, width);
                    var y1 = Math.Clamp(cy + (h / 2), 0, height);
                    if (x1 - x0 < 1 || y1 - y0 < 1)
                    {
                        continue;
                    }

                    (reported ? candidates : weak).Add(new Core.Domain.Detection(new BoundingBox(x0, y0, x1 - x0, y1 - y0), best, Labels[best], objectness, classScore));
                }
            }
        }

        // The detections exactly as without proposals; the proposals apart, class-agnostic (a region is a region), and
        // none that repeats a detection.
        var detections = NonMaximumSuppression.ClassAware(candidates, (float)_options.NmsIou);
        var proposals = NonMaximumSuppression.Agnostic(weak.OrderByDescending(d => d.Objectness), (float)_options.NmsIou)
            .Where(p => detections.All(d => d.Box.IntersectionOverUnion(p.Box) <= _options.NmsIou))
            .Take(_options.MaxProposals)
            .ToList();
        return new DetectorOutput(detections, proposals);
    }

    public void Dispose() => _session.Dispose();

    private static string[] LoadLabels(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)];
}
