using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Personalization.Models.Onnx;

namespace Personalization.Models.Encoders;

/// <summary>
/// MobileNetV2 (int8) ImageNet classifier with its pooled 1280-d features. Input: N patches of 224×224 RGBA;
/// RGB/255 normalised with the ImageNet mean and std. Thread-safe; owns its session.
/// </summary>
public sealed class MobileNetV2Encoder : IDisposable
{
    public const int InputSize = 224;
    public const int FeatureDimension = 1280;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string? _featureMap;
    private readonly float _gemPower;

    public MobileNetV2Encoder(OnnxSessionFactory sessions, IOptions<EncoderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.Pooling == "gem")
        {
            _featureMap = options.Value.MobileNetV2FeatureMap;
            _gemPower = (float)options.Value.GemPower;
            var bytes = File.ReadAllBytes(sessions.Locator.Locate(options.Value.MobileNetV2Model));
            _session = sessions.Create(OnnxGraphOutputs.WithOutput(bytes, _featureMap));
        }
        else
        {
            _session = sessions.Create(options.Value.MobileNetV2Model);
        }

        _inputName = _session.InputNames[0];
        if (!_session.OutputNames.Contains("features"))
        {
            throw new InvalidOperationException(
                $"{options.Value.MobileNetV2Model} has no 'features' output; use mobilenetv2-12-int8-features.onnx");
        }
    }

    /// <summary>Embeds <paramref name="count"/> patches laid out one after another as 224×224 RGBA.</summary>
    /// <returns>Per patch its 1280-d features (not normalised) and its 1000 logits.</returns>
    public (float[][] Features, float[][] Logits) Encode(ReadOnlySpan<byte> patches, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return ([], []);
        }

        const int patchFloats = 3 * InputSize * InputSize;
        const int patchBytes = 4 * InputSize * InputSize;
        var length = count * patchFloats;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            for (var i = 0; i < count; i++)
            {
                Imaging.TensorWriter.WritePlanar(patches.Slice(i * patchBytes, patchBytes), InputSize, InputSize, buffer.AsSpan(i * patchFloats, patchFloats), bgr: false, 1f / 255f, Mean, Std);
            }

            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), [count, 3, InputSize, InputSize]);
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            using var outputs = _session.Run(runOptions, [_inputName], [input], [_featureMap ?? "features", "output"]);
            var features = _featureMap is null
                ? Split(outputs[0].GetTensorDataAsSpan<float>(), count, FeatureDimension)
                : GeneralisedMean(outputs[0].GetTensorDataAsSpan<float>(), count, _gemPower);
            var logits = Split(outputs[1].GetTensorDataAsSpan<float>(), count, 1000);
            return (features, logits);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _session.Dispose();

    /// <summary>GeM pooling over each channel's spatial map: (mean xᵖ)^(1/p), x clamped at a small positive floor.</summary>
    internal static float[][] GeneralisedMean(ReadOnlySpan<float> maps, int count, float power)
    {
        var cells = maps.Length / (count * FeatureDimension);
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var vector = new float[FeatureDimension];
            for (var c = 0; c < FeatureDimension; c++)
            {
                var map = maps.Slice(((i * FeatureDimension) + c) * cells, cells);
                var sum = 0f;
                foreach (var x in map)
                {
                    sum += MathF.Pow(MathF.Max(x, 1e-6f), power);
                }

                vector[c] = MathF.Pow(sum / cells, 1f / power);
            }

            result[i] = vector;
        }

        return result;
    }

    internal static float[][] Split(ReadOnlySpan<float> data, int count, int dimension)
    {
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = data.Slice(i * dimension, dimension).ToArray();
        }

        return result;
    }
}
