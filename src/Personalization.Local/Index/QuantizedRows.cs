namespace Personalization.Local.Index;

/// <summary>
/// An int8 copy of some float rows in one contiguous block: row i is <see cref="Stride"/> bytes from
/// <c>i · Stride</c> (padded with zeros to <see cref="Int8Dot.Alignment"/>), with its scale, sum and error bounds
/// beside it. Immutable once made; a quarter of the float rows' bytes. Plain managed arrays: nothing to dispose.
/// </summary>
internal sealed class QuantizedRows
{
    // Below this many rows a second core does not pay for itself.
    private const int ParallelRows = 2048;

    private readonly sbyte[] _data;
    private readonly QuantizedStats[] _stats;

    private QuantizedRows(int dimension, sbyte[] data, QuantizedStats[] stats)
    {
        Dimension = dimension;
        Stride = StrideOf(dimension);
        _data = data;
        _stats = stats;
    }

    public int Count => _stats.Length;

    public int Dimension { get; }

    public int Stride { get; }

    public static int StrideOf(int dimension) => (dimension + Int8Dot.Alignment - 1) / Int8Dot.Alignment * Int8Dot.Alignment;

    /// <summary>Quantises the rows (each <paramref name="dimension"/> floats), split between the cores when there are many.</summary>
    /// <returns>Null when a row holds a NaN or an infinity: such rows are scanned exactly.</returns>
    public static QuantizedRows? Quantize(IReadOnlyList<ReadOnlyMemory<float>> rows, int dimension)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stride = StrideOf(dimension);
        if ((long)rows.Count * stride > Array.MaxLength)
        {
            throw new ArgumentException($"{rows.Count} rows of {dimension} are more than one int8 block holds", nameof(rows));
        }

        var data = GC.AllocateUninitializedArray<sbyte>(rows.Count * stride);
        var stats = new QuantizedStats[rows.Count];
        var finite = true;
        var workers = rows.Count >= ParallelRows ? Environment.ProcessorCount : 1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (var i = (int)((long)rows.Count * w / workers); i < (int)((long)rows.Count * (w + 1) / workers) && Volatile.Read(ref finite); i++)
            {
                if (rows[i].Length != dimension)
                {
                    throw new ArgumentException($"row {i} has {rows[i].Length} floats, not {dimension}", nameof(rows));
                }

                var row = Int8Quantizer.Quantize(rows[i].Span, data.AsSpan(i * stride, stride));
                if (row is null)
                {
                    Volatile.Write(ref finite, false);
                    return;
                }

                stats[i] = row.Value;
            }
        });

        return finite ? new QuantizedRows(dimension, data, stats) : null;
    }

    /// <summary>One block holding the given runs of rows of other blocks, in order (bytes copied, nothing re-quantised).</summary>
    public static QuantizedRows Gather(int dimension, IReadOnlyList<(QuantizedRows Block, int Start, int Count)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var stride = StrideOf(dimension);
        var count = runs.Sum(r => r.Count);
        var data = GC.AllocateUninitializedArray<sbyte>(count * stride);
        var stats = new QuantizedStats[count];
        var at = 0;
        foreach (var (block, start, n) in runs)
        {
            if (block.Dimension != dimension)
            {
                throw new ArgumentException("the blocks differ in dimension", nameof(runs));
            }

            block._data.AsSpan(start * stride, n * stride).CopyTo(data.AsSpan(at * stride));
            block._stats.AsSpan(start, n).CopyTo(stats.AsSpan(at));
            at += n;
        }

        return new QuantizedRows(dimension, data, stats);
    }

    public ReadOnlySpan<sbyte> Row(int index) => _data.AsSpan(index * Stride, Stride);

    public ref readonly QuantizedStats Stats(int index) => ref _stats[index];
}
