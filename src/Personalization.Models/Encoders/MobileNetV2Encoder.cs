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
    private readonly string? _midMap;
    private readonly float _midWeight;

    public MobileNetV2Encoder(OnnxSessionFactory sessions, IOptions<EncoderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.MidWeight > 0)
        {
            _midMap = options.Value.MobileNetV2MidMap;
            _midWeight = (float)options.Value.MidWeight;
            var bytes = File.ReadAllBytes(sessions.Locator.Locate(options.Value.MobileNetV2Model));
            _session = sessions.Create(OnnxGraphOutputs.WithDequantizedOutput(bytes, _midMap));
        }
        else if (options.Value.Pooling == "gem")
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
            using var outputs = _session.Run(runOptions, [_inputName], [input], _midMap is null ? [_featureMap ?? "features", "output"] : ["features", "output", _midMap + OnnxGraphOutputs.DequantizedSuffix]);
            var features = _midMap is not null
                ? WithMidLevel(Split(outputs[0].GetTensorDataAsSpan<float>(), count, FeatureDimension), outputs[2].GetTensorDataAsSpan<float>(), count, _midWeight)
                : _featureMap is null
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

    /// <summary>
    /// Appends each patch's average-pooled mid-level map (unit length, times <paramref name="weight"/>) to its unit-length
    /// final features: the cosine of two such vectors is (cos_final + w²·cos_mid) / (1 + w²).
    /// </summary>
    internal static float[][] WithMidLevel(float[][] finals, ReadOnlySpan<float> maps, int count, float weight)
    {
        var perPatch = maps.Length / count;
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var final = finals[i];
            Vectors.Normalize(final);
            var map = maps.Slice(i * perPatch, perPatch);
            var channels = MidChannels(perPatch);
            var cells = perPatch / channels;
            var mid = new float[channels];
            for (var c = 0; c < channels; c++)
            {
                var sum = 0f;
                foreach (var x in map.Slice(c * cells, cells))
                {
                    sum += x;
                }

                mid[c] = sum / cells;
            }

            Vectors.Normalize(mid);
            var vector = new float[final.Length + channels];
            final.CopyTo(vector, 0);
            for (var c = 0; c < channels; c++)
            {
                vector[final.Length + c] = weight * mid[c];
            }

            result[i] = vector;
        }

        return result;
    }

    private static int MidChannels(int perPatch) => perPatch % (14 * 14) == 0 ? perPatch / (14 * 14) : perPatch / (7 * 7);

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
