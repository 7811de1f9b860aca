using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Models.Encoders;

/// <summary>
/// Maps a CNN classifier's ImageNet logits into the text encoder's space: the probability-weighted mean of
/// the top labels' text vectors. It stands in for CLIP's image-text similarity when only CNN features exist.
/// Built once (it embeds the 1000 label names, or reads them from a <see cref="LabelVectorCache"/>); thread-safe afterwards.
/// </summary>
public sealed class LabelBridge
{
    private readonly float[][] _labelVectors;
    private readonly int _top;

    private LabelBridge(IReadOnlyList<string> labels, float[][] labelVectors, int top)
    {
        Labels = labels;
        _labelVectors = labelVectors;
        _top = top;
    }

    /// <summary>The short label names (first synonym of each ImageNet line).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <param name="cache">Where the label vectors are kept between runs; none: embedded every time.</param>
    public static async Task<LabelBridge> CreateAsync(string labelsFile, ITextEncoder textEncoder, int top, LabelVectorCache? cache = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textEncoder);
        var lines = await File.ReadAllLinesAsync(labelsFile, cancellationToken).ConfigureAwait(false);
        var labels = lines.Where(l => l.Length > 0).Select(ShortName).ToArray();
        var vectors = cache is null
            ? await textEncoder.EncodeAsync(labels, cancellationToken).ConfigureAwait(false)
            : await cache.GetOrEmbedAsync(labels, textEncoder, cancellationToken).ConfigureAwait(false);
        return new LabelBridge(labels, vectors, top);
    }

    /// <summary>The label bridge vector (unit length) and the top labels with their probabilities.</summary>
    public (float[] Vector, IReadOnlyList<LabelScore> TopLabels) Map(ReadOnlySpan<float> logits)
    {
        var probabilities = new float[logits.Length];
        TensorPrimitives.SoftMax(logits, probabilities);
        var order = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).Take(_top).ToArray();
        var vector = new float[_labelVectors[0].Length];
        var top = new List<LabelScore>(order.Length);
        foreach (var i in order)
        {
            TensorPrimitives.MultiplyAdd(_labelVectors[i], probabilities[i], vector, vector);
            top.Add(new LabelScore(Labels[i], probabilities[i]));
        }

        Vectors.Normalize(vector);
        return (vector, top);
    }

    internal static string ShortName(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? line : line[..comma]).Trim();
    }
}
