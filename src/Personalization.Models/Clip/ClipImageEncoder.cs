using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Personalization.Models.Onnx;
using SkiaSharp;

namespace Personalization.Models.Clip;

/// <summary>
/// Embeds images with a CLIP image tower exported to ONNX (<c>vision_model.onnx</c>: one float input
/// [N,3,S,S], read from the model, → <c>image_embeds</c> [N,D]); see <see cref="ClipImagePreprocessor"/>.
/// </summary>
/// <remarks>
/// Thread-safe: calls may overlap (ONNX Runtime sessions run concurrently). The encoder owns its inference session
/// and disposes it in <see cref="Dispose"/>; it never keeps or disposes the caller's bitmaps, which must stay alive
/// until the returned task completes. Each vector belongs to the caller.
/// </remarks>
public sealed class ClipImageEncoder : IDisposable
{
    private const string PreferredOutput = "image_embeds";

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string _outputName;
    private readonly int _fixedBatch;
    private readonly int _maxBatch;
    private bool _disposed;

    public ClipImageEncoder(OnnxSessionFactory sessions, IOptions<ClipOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        ArgumentException.ThrowIfNullOrEmpty(settings.VisionModel, "Clip:VisionModel");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1, "Clip:MaxBatchSize");
        _session = sessions.Create(settings.VisionModel);
        try
        {
            if (_session.InputMetadata.Count != 1)
            {
                throw new NotSupportedException(
                    $"'{settings.VisionModel}' has inputs {string.Join(", ", _session.InputMetadata.Keys)}; a CLIP image tower takes one image tensor.");
            }

            var (inputName, input) = _session.InputMetadata.First();
            var dims = input.Dimensions;
            if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[1] is not (3 or -1))
            {
                throw new NotSupportedException(
                    $"'{settings.VisionModel}' input '{inputName}' is {input.ElementDataType} [{string.Join(",", dims)}]; expected float [N,3,S,S].");
            }

            if (dims[2] > 0 && dims[3] > 0 && dims[2] != dims[3])
            {
                throw new NotSupportedException($"'{settings.VisionModel}' takes {dims[3]}×{dims[2]} images; only square inputs are supported.");
            }

            _inputNames = [inputName];
            ImageSize = dims[2] > 0 ? dims[2] : dims[3] > 0 ? dims[3] : ClipImagePreprocessor.DefaultSize;
            _fixedBatch = Math.Max(0, dims[0]);
            _maxBatch = _fixedBatch > 0 ? _fixedBatch : settings.MaxBatchSize;
            _outputName = ClipOnnx.ResolveOutput(_session, PreferredOutput, settings.VisionModel);
            var declared = ClipOnnx.DeclaredWidth(_session.OutputMetadata[_outputName]);
            Dimension = declared > 0 ? declared : Probe();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The embedding length (512 for ViT-B/32).</summary>
    public int Dimension { get; }

    /// <summary>The side of the square model input (224 unless the model says otherwise).</summary>
    public int ImageSize { get; }

    /// <summary>
    /// One L2-normalised embedding per image, in order; an empty list gives an empty result. Runs on the thread pool;
    /// cancellation is checked between images and interrupts a running inference.
    /// </summary>
    public Task<float[][]> EncodeAsync(IReadOnlyList<SKBitmap> images, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ClipOnnx.EncodeOnThreadPoolAsync(images, "image", Encode, cancellationToken);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    private float[][] Encode(IReadOnlyList<SKBitmap> images, CancellationToken cancellationToken)
    {
        var result = new float[images.Count][];
        for (var start = 0; start < images.Count; start += _maxBatch)
        {
            var rows = Math.Min(_maxBatch, images.Count - start);
            RunChunk(images, start, rows, result, cancellationToken);
        }

        return result;
    }

    /// <summary>Preprocesses <paramref name="rows"/> images into one rented [B,3,S,S] buffer and runs them together.</summary>
    private void RunChunk(IReadOnlyList<SKBitmap>? images, int start, int rows, float[][] result, CancellationToken cancellationToken)
    {
        var batchRows = _fixedBatch > 0 ? _fixedBatch : rows;
        var plane = 3 * ImageSize * ImageSize;
        var length = batchRows * plane;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var memory = buffer.AsMemory(0, length);
            var filled = images is null ? 0 : rows;
            for (var i = 0; i < filled; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ClipImagePreprocessor.Preprocess(images![start + i], memory.Span.Slice(i * plane, plane), ImageSize);
            }

            memory.Span[(filled * plane)..].Clear();
            using var input = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, memory, [batchRows, 3, ImageSize, ImageSize]);
            using var outputs = ClipOnnx.Run(_session, _inputNames, [input], _outputName, cancellationToken);
            ClipOnnx.CopyNormalizedRows(outputs[0], batchRows, rows, result, start);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs one blank image to learn the embedding length of a model that does not declare it.</summary>
    private int Probe()
    {
        var probe = new float[1][];
        RunChunk(null, 0, 1, probe, CancellationToken.None);
        return probe[0].Length;
    }
}
