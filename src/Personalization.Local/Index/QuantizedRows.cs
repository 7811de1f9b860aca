using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Personalization.Local.Index;

/// <summary>
/// An int8 copy of some float rows in one contiguous block: row i is <see cref="Stride"/> bytes from
/// <c>i · Stride</c> (padded with zeros to <see cref="Int8Dot.Alignment"/>), with its scale, sum and error bounds
/// beside it. Immutable once made; a quarter of the float rows' bytes. The bytes are either pinned managed arrays (made
/// here) or a segment file's mapped pages (<see cref="Mapped"/>, written there at commit by
/// <see cref="ConceptSegmentFile"/>); either way the block holds what keeps them alive, so there is nothing to dispose.
/// </summary>
internal sealed unsafe class QuantizedRows
{
    // Below this many rows a second core does not pay for itself.
    private const int ParallelRows = 2048;

    // What keeps the bytes alive: the pinned arrays, or the segment's mapping.
    private readonly object _owner;
    private readonly object? _statsOwner;
    private readonly sbyte* _data;
    private readonly QuantizedStats* _stats;

    private QuantizedRows(int dimension, int count, object owner, object? statsOwner, sbyte* data, QuantizedStats* stats)
    {
        Dimension = dimension;
        Stride = StrideOf(dimension);
        Count = count;
        _owner = owner;
        _statsOwner = statsOwner;
        _data = data;
        _stats = stats;
    }

    /// <summary>Bytes one row's stats take in a segment file (the struct as it lies in memory, little-endian).</summary>
    public static int StatsBytes => Unsafe.SizeOf<QuantizedStats>();

    public int Count { get; }

    /// <summary>Whether the rows are a segment file's mapped pages (not memory of this process's own).</summary>
    public bool IsMapped => _owner is SegmentMapping;

    public int Dimension { get; }

    public int Stride { get; }

    /// <summary>The rows' bytes, row after row (what a segment file stores).</summary>
    public ReadOnlySpan<byte> DataBytes => new(_data, checked(Count * Stride));

    /// <summary>The rows' stats as bytes, row after row (what a segment file stores after the rows).</summary>
    public ReadOnlySpan<byte> StatsData => new(_stats, checked(Count * StatsBytes));

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

        var data = GC.AllocateUninitializedArray<sbyte>(rows.Count * stride, pinned: true);
        var stats = GC.AllocateUninitializedArray<QuantizedStats>(rows.Count, pinned: true);
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

        return finite ? Pinned(dimension, data, stats) : null;
    }

    /// <summary>One block holding the given runs of rows of other blocks, in order (bytes copied, nothing re-quantised).</summary>
    public static QuantizedRows Gather(int dimension, IReadOnlyList<(QuantizedRows Block, int Start, int Count)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var stride = StrideOf(dimension);
        var count = runs.Sum(r => r.Count);
        var data = GC.AllocateUninitializedArray<sbyte>(count * stride, pinned: true);
        var stats = GC.AllocateUninitializedArray<QuantizedStats>(count, pinned: true);
        var at = 0;
        foreach (var (block, start, n) in runs)
        {
            if (block.Dimension != dimension)
            {
                throw new ArgumentException("the blocks differ in dimension", nameof(runs));
            }

            new ReadOnlySpan<sbyte>(block._data + ((long)start * stride), n * stride).CopyTo(data.AsSpan(at * stride));
            new ReadOnlySpan<QuantizedStats>(block._stats + start, n).CopyTo(stats.AsSpan(at));
            at += n;
        }

        return Pinned(dimension, data, stats);
    }

    /// <summary>
    /// A block that lies in a mapped segment file: <paramref name="count"/> rows of <see cref="StrideOf"/> bytes from
    /// <paramref name="dataOffset"/>, then their stats from <paramref name="statsOffset"/> (a multiple of 8).
    /// </summary>
    public static QuantizedRows Mapped(SegmentMapping mapping, int dimension, int count, long dataOffset, long statsOffset)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var stride = StrideOf(dimension);
        if (count < 0 || dataOffset < 0 || statsOffset % 8 != 0 || dataOffset + ((long)count * stride) > statsOffset
            || statsOffset + ((long)count * StatsBytes) > mapping.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "the int8 rows are not inside the mapped file");
        }

        return new QuantizedRows(dimension, count, mapping, null, (sbyte*)(mapping.Start + dataOffset), (QuantizedStats*)(mapping.Start + statsOffset));
    }

    public ReadOnlySpan<sbyte> Row(int index) => (uint)index < (uint)Count ? new(_data + ((long)index * Stride), Stride) : throw new ArgumentOutOfRangeException(nameof(index));

    public ref readonly QuantizedStats Stats(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return ref Unsafe.AsRef<QuantizedStats>(_stats + index);
    }

    /// <summary>Keeps the block's memory alive up to here (a caller that took a pointer-backed span from it).</summary>
    public void KeepAlive()
    {
        GC.KeepAlive(_owner);
        GC.KeepAlive(_statsOwner);
    }

    private static QuantizedRows Pinned(int dimension, sbyte[] data, QuantizedStats[] stats) =>
        new(dimension, stats.Length, data, stats, (sbyte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(data)), (QuantizedStats*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(stats)));
}
