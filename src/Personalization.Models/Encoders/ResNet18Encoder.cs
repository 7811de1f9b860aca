using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Personalization.Models.Onnx;

namespace Personalization.Models.Encoders;

/// <summary>
/// ResNet18 ImageNet features (512-d) from the ML.NET featurizer package: its own preprocessing graph
/// (RGB 0..255 in) then the network. Both graphs take one image per run. Thread-safe; owns both sessions.
/// </summary>
public sealed class ResNet18Encoder : IDisposable
{
    public const int InputSize = 224;
    public const int FeatureDimension = 512;
    private static readonly float[] ZeroMean = [0, 0, 0];
    private static readonly float[] UnitStd = [1, 1, 1];

    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;

    public ResNet18Encoder(OnnxSessionFactory sessions, IOptions<EncoderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        _preprocess = sessions.Create(Resolve(options.Value.ResNet18Preprocess));
        try
        {
            _network = sessions.Create(Resolve(options.Value.ResNet18Model));
        }
        catch
        {
            _preprocess.Dispose();
            throw;
        }
    }

    /// <summary>Embeds <paramref name="count"/> 224×224 RGBA patches; returns 512-d features (not normalised).</summary>
    public float[][] Encode(ReadOnlySpan<byte> patches, int count, CancellationToken cancellationToken = default)
    {
        const int patchFloats = 3 * InputSize * InputSize;
        const int patchBytes = 4 * InputSize * InputSize;
        var result = new float[count][];
        var buffer = ArrayPool<float>.Shared.Rent(patchFloats);
        try
        {
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            for (var i = 0; i < count; i++)
            {
                Imaging.TensorWriter.WritePlanar(patches.Slice(i * patchBytes, patchBytes), InputSize, InputSize, buffer.AsSpan(0, patchFloats), bgr: false, 1f, ZeroMean, UnitStd);
                using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, patchFloats), [1, 3, InputSize, InputSize]);
                using var prepared = _preprocess.Run(runOptions, [_preprocess.InputNames[0]], [input], [_preprocess.OutputNames[0]]);
                using var features = _network.Run(runOptions, [_network.InputNames[0]], [prepared[0]], [_network.OutputNames[0]]);
                result[i] = features[0].GetTensorDataAsSpan<float>().ToArray();
            }

            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        _network.Dispose();
        _preprocess.Dispose();
    }

    /// <summary>The package copies the graphs next to the assembly; fall back to the model folders.</summary>
    private static string Resolve(string relative)
    {
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, relative);
        return File.Exists(besideAssembly) ? besideAssembly : relative;
    }
}
