using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Personalization.Models.Clip;

/// <summary>Session plumbing shared by the CLIP towers. Stateless, thread-safe (ONNX Runtime sessions run concurrently).</summary>
internal static class ClipOnnx
{
    /// <summary>
    /// The embedding output: <paramref name="preferred"/> when the model has it, else its only output; any other
    /// layout (say, a tower exported without its projection) is refused, naming what the model has.
    /// </summary>
    public static string ResolveOutput(InferenceSession session, string preferred, string modelPath)
    {
        if (session.OutputMetadata.ContainsKey(preferred))
        {
            return preferred;
        }

        if (session.OutputMetadata.Count == 1)
        {
            return session.OutputMetadata.Keys.First();
        }

        throw new NotSupportedException(
            $"'{modelPath}' has no '{preferred}' output (it has {string.Join(", ", session.OutputMetadata.Keys)}); " +
            "export the CLIP tower with its projection head.");
    }

    /// <summary>The last dimension of an output when the model declares it, else 0.</summary>
    public static int DeclaredWidth(NodeMetadata output) =>
        output.Dimensions.Length > 0 && output.Dimensions[^1] > 0 ? output.Dimensions[^1] : 0;

    /// <summary>Runs the model for one output, turning an interruption by <paramref name="cancellationToken"/> into cancellation.</summary>
    /// <returns>The outputs, which the caller disposes.</returns>
    public static IDisposableReadOnlyCollection<OrtValue> Run(
        InferenceSession session,
        IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputs,
        string outputName,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            return session.Run(runOptions, inputNames, inputs, [outputName]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the CLIP inference was cancelled", cancellationToken);
        }
    }

    /// <summary>
    /// Copies the first <paramref name="rows"/> rows of an [N, D] output into new arrays, each scaled to unit length
    /// (an all-zero row stays zero), and stores them at <paramref name="destination"/>[<paramref name="offset"/>..].
    /// </summary>
    public static void CopyNormalizedRows(OrtValue output, int batchRows, int rows, float[][] destination, int offset)
    {
        var data = output.GetTensorDataAsSpan<float>();
        if (batchRows <= 0 || data.Length % batchRows != 0 || data.Length == 0)
        {
            throw new InvalidOperationException($"the model returned {data.Length} values for a batch of {batchRows}");
        }

        var width = data.Length / batchRows;
        for (var i = 0; i < rows; i++)
        {
            var vector = data.Slice(i * width, width).ToArray();
            var norm = TensorPrimitives.Norm<float>(vector);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            destination[offset + i] = vector;
        }
    }

    /// <summary>
    /// The shared front of both encoders: argument checks, an empty batch without running the model, an early
    /// cancellation, then the CPU-bound <paramref name="encode"/> on the thread pool.
    /// </summary>
    public static Task<float[][]> EncodeOnThreadPoolAsync<T>(IReadOnlyList<T> items, string itemName, Func<IReadOnlyList<T>, CancellationToken, float[][]> encode, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"{itemName} {i} is null", nameof(items));
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[][]>(cancellationToken);
        }

        return items.Count == 0
            ? Task.FromResult(Array.Empty<float[]>())
            : Task.Run(() => encode(items, cancellationToken), cancellationToken);
    }
}
