using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Personalization.Core.Ports;
using Personalization.Models.Onnx;

namespace Personalization.Models.Clip;

/// <summary>
/// Embeds texts with a CLIP text tower exported to ONNX (<c>text_model.onnx</c>: <c>input_ids</c> int64 [N,S], and
/// <c>attention_mask</c> where the export has it, → <c>text_embeds</c> [N,D]), tokenised by <see cref="ClipTokenizer"/>.
/// Rows are padded with <see cref="ClipTokenizer.PadId"/> to the longest text of the batch (at most
/// <see cref="ClipTokenizer.DefaultContextLength"/>), or to the model's sequence length when it is fixed.
/// </summary>
/// <remarks>
/// Thread-safe: calls may overlap. The encoder owns its inference session and disposes it in <see cref="Dispose"/>;
/// the tokenizer is shared and not disposed. Each vector belongs to the caller.
/// </remarks>
public sealed class ClipTextEncoder : ITextEncoder, IDisposable
{
    private const string PreferredOutput = "text_embeds";
    private const string IdsInput = "input_ids";
    private const string MaskInput = "attention_mask";

    private readonly InferenceSession _session;
    private readonly ClipTokenizer _tokenizer;
    private readonly string _idsName;
    private readonly string? _maskName;
    private readonly string _outputName;
    private readonly int _fixedBatch;
    private readonly int _fixedLength;
    private readonly int _maxBatch;
    private bool _disposed;

    public ClipTextEncoder(OnnxSessionFactory sessions, ClipTokenizer tokenizer, IOptions<ClipOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        ArgumentException.ThrowIfNullOrEmpty(settings.TextModel, "Clip:TextModel");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1, "Clip:MaxBatchSize");
        _tokenizer = tokenizer;
        _session = sessions.Create(settings.TextModel);
        Identity = ModelIdentity.Of(sessions.Locator.Locate(settings.TextModel));
        try
        {
            var inputs = _session.InputMetadata;
            _idsName = inputs.Keys.FirstOrDefault(n => n == IdsInput)
                ?? inputs.Keys.FirstOrDefault(n => n.Contains(IdsInput, StringComparison.OrdinalIgnoreCase))
                ?? (inputs.Count == 1 ? inputs.Keys.First() : null)
                ?? throw new NotSupportedException($"'{settings.TextModel}' has no '{IdsInput}' input (it has {string.Join(", ", inputs.Keys)}).");
            _maskName = inputs.Keys.FirstOrDefault(n => n != _idsName && n.Contains(MaskInput, StringComparison.OrdinalIgnoreCase));
            var unknown = inputs.Keys.Where(n => n != _idsName && n != _maskName).ToList();
            if (unknown.Count > 0)
            {
                throw new NotSupportedException($"'{settings.TextModel}' has inputs this encoder cannot fill: {string.Join(", ", unknown)}.");
            }

            foreach (var name in (string?[])[_idsName, _maskName])
            {
                if (name is not null && (inputs[name].ElementDataType != TensorElementType.Int64 || inputs[name].Dimensions.Length != 2))
                {
                    throw new NotSupportedException(
                        $"'{settings.TextModel}' input '{name}' is {inputs[name].ElementDataType} [{string.Join(",", inputs[name].Dimensions)}]; expected int64 [N,S].");
                }
            }

            var dims = inputs[_idsName].Dimensions;
            _fixedBatch = Math.Max(0, dims[0]);
            _fixedLength = Math.Max(0, dims[1]);
            if (_fixedLength == 1)
            {
                throw new NotSupportedException($"'{settings.TextModel}' takes sequences of length 1; a CLIP text tower needs at least 2.");
            }

            _maxBatch = _fixedBatch > 0 ? _fixedBatch : settings.MaxBatchSize;
            _outputName = ClipOnnx.ResolveOutput(_session, PreferredOutput, settings.TextModel);
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

    public string Identity { get; }

    /// <summary>
    /// One L2-normalised embedding per text, in order; an empty list gives an empty result. Texts longer than the
    /// context are cut, keeping the end token last. Runs on the thread pool; cancellation interrupts a running inference.
    /// </summary>
    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ClipOnnx.EncodeOnThreadPoolAsync(texts, "text", Encode, cancellationToken);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    private float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += _maxBatch)
        {
            var rows = Math.Min(_maxBatch, texts.Count - start);
            var ids = new int[rows][];
            for (var i = 0; i < rows; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ids[i] = _tokenizer.Encode(texts[start + i]);
            }

            RunChunk(ids, start, result, cancellationToken);
        }

        return result;
    }

    /// <summary>The padded row length for a chunk: the model's fixed length, else its longest text, capped at the context.</summary>
    private int SequenceLength(int[][] ids) =>
        _fixedLength > 0 ? _fixedLength : Math.Min(ids.Max(t => t.Length), ClipTokenizer.DefaultContextLength);

    /// <summary>Lays the chunk's ids (and mask) out in rented [B,S] buffers and runs them together.</summary>
    private void RunChunk(int[][] ids, int start, float[][] result, CancellationToken cancellationToken)
    {
        var rows = ids.Length;
        var batchRows = _fixedBatch > 0 ? _fixedBatch : rows;
        var length = SequenceLength(ids);
        var size = batchRows * length;
        var idsBuffer = ArrayPool<long>.Shared.Rent(size);
        var maskBuffer = _maskName is null ? null : ArrayPool<long>.Shared.Rent(size);
        try
        {
            var idsMemory = idsBuffer.AsMemory(0, size);
            var maskMemory = maskBuffer is null ? Memory<long>.Empty : maskBuffer.AsMemory(0, size);
            for (var i = 0; i < batchRows; i++)
            {
                // Rows beyond the texts (a model with a fixed batch size) hold an empty text.
                var tokens = i < rows ? ids[i] : [ClipTokenizer.StartOfTextId, ClipTokenizer.EndOfTextId];
                var used = ClipTokenizer.WriteRow(tokens, idsMemory.Span.Slice(i * length, length));
                if (maskBuffer is not null)
                {
                    var mask = maskMemory.Span.Slice(i * length, length);
                    mask[..used].Fill(1);
                    mask[used..].Clear();
                }
            }

            long[] shape = [batchRows, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, idsMemory, shape);
            using var maskValue = maskBuffer is null
                ? null
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, maskMemory, shape);
            string[] names = maskValue is null ? [_idsName] : [_idsName, _maskName!];
            OrtValue[] values = maskValue is null ? [idsValue] : [idsValue, maskValue];
            using var outputs = ClipOnnx.Run(_session, names, values, _outputName, cancellationToken);
            ClipOnnx.CopyNormalizedRows(outputs[0], batchRows, rows, result, start);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(idsBuffer);
            if (maskBuffer is not null)
            {
                ArrayPool<long>.Shared.Return(maskBuffer);
            }
        }
    }

    /// <summary>Runs the empty text to learn the embedding length of a model that does not declare it.</summary>
    private int Probe()
    {
        var probe = new float[1][];
        RunChunk([_tokenizer.Encode(string.Empty)], 0, probe, CancellationToken.None);
        return probe[0].Length;
    }
}
