namespace Personalization.Local.Index;

/// <summary>
/// A snapshot's image rows as int8 (<see cref="QuantizedRows"/> blocks): runs of contiguous block rows, in the
/// snapshot's row order. A new snapshot quantises only the concepts it has not seen (a loaded owner: all of them, one
/// block; a write: the new concepts, one small block) and points at the earlier blocks for the others. When the blocks
/// hold more than twice the live rows (replaced and deleted concepts), the live rows are copied into one block.
/// </summary>
internal sealed class QuantizedRowSet
{
    // Dead rows are tolerated up to this many, however few live ones there are.
    private const int SlackRows = 4096;

    private readonly (QuantizedRows Block, int Start)[] _placement;

    private QuantizedRowSet(int dimension, int count, (QuantizedRows Block, int Start)[] placement, Run[] runs)
    {
        Dimension = dimension;
        Count = count;
        _placement = placement;
        Runs = runs;
    }

    public int Dimension { get; }

    /// <summary>Rows in all, as in the snapshot.</summary>
    public int Count { get; }

    /// <summary>The rows in snapshot order: run i covers rows <c>RowStart</c> to <c>RowStart + Count</c>.</summary>
    public Run[] Runs { get; }

    public int Stride => QuantizedRows.StrideOf(Dimension);

    /// <param name="rows">The snapshot's rows, concept after concept.</param>
    /// <param name="rowStart">Where each concept's rows start, and one more entry: the end.</param>
    /// <param name="previous">The previous snapshot's set, or null.</param>
    /// <param name="previousIndex">Per concept, its index in the previous snapshot (its rows unchanged), or -1.</param>
    /// <param name="stored">Per concept, where its rows' int8 copy already lies (a segment's block, mapped), or null:
    /// used for the concepts the previous set does not hold.</param>
    /// <param name="slackRows">Dead rows tolerated however few live ones there are.</param>
    /// <returns>Null when a row is not finite.</returns>
    public static QuantizedRowSet? Build(ReadOnlyMemory<float>[] rows, int dimension, int[] rowStart, QuantizedRowSet? previous, int[]? previousIndex, (QuantizedRows Block, int Start)?[]? stored = null, int slackRows = SlackRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rowStart);
        var concepts = rowStart.Length - 1;
        var reuse = previous is not null && previous.Dimension == dimension && previousIndex is not null;
        var fresh = new List<ReadOnlyMemory<float>>();
        for (var c = 0; c < concepts; c++)
        {
            if ((!reuse || previousIndex![c] < 0) && stored?[c] is null)
            {
                fresh.AddRange(rows.AsSpan(rowStart[c], rowStart[c + 1] - rowStart[c]));
            }
        }

        var block = fresh.Count > 0 ? QuantizedRows.Quantize(fresh, dimension) : null;
        if (fresh.Count > 0 && block is null)
        {
            return null;
        }

        var placement = new (QuantizedRows Block, int Start)[concepts];
        var next = 0;
        for (var c = 0; c < concepts; c++)
        {
            if (reuse && previousIndex![c] >= 0)
            {
                placement[c] = previous!._placement[previousIndex[c]];
            }
            else if (stored?[c] is { } onDisk)
            {
                placement[c] = onDisk;
            }
            else
            {
                placement[c] = (block!, next);
                next += rowStart[c + 1] - rowStart[c];
            }
        }

        var set = new QuantizedRowSet(dimension, rowStart[^1], placement, RunsOf(placement, rowStart));
        return set.HeldRows() > (2L * set.Count) + slackRows ? set.Compacted(rowStart) : set;
    }

    /// <summary>Rows the blocks it points at hold, dead ones included.</summary>
    /// <remarks>A block mapped from a segment is not counted: its dead rows are pages nobody touches.</remarks>
    public long HeldRows() => _placement.Select(p => p.Block).Where(b => b is not null && !b.IsMapped).Distinct().Sum(b => (long)b.Count);

    private static Run[] RunsOf((QuantizedRows Block, int Start)[] placement, int[] rowStart)
    {
        var runs = new List<Run>();
        for (var c = 0; c < placement.Length; c++)
        {
            var count = rowStart[c + 1] - rowStart[c];
            if (count == 0)
            {
                continue;
            }

            var (block, start) = placement[c];
            if (runs.Count > 0 && runs[^1] is var last && ReferenceEquals(last.Block, block) && last.BlockStart + last.Count == start)
            {
                runs[^1] = last with { Count = last.Count + count };
            }
            else
            {
                runs.Add(new Run(block, start, count, rowStart[c]));
            }
        }

        return [.. runs];
    }

    private QuantizedRowSet Compacted(int[] rowStart)
    {
        var block = QuantizedRows.Gather(Dimension, [.. Runs.Select(r => (r.Block, r.BlockStart, r.Count))]);
        var placement = new (QuantizedRows Block, int Start)[_placement.Length];
        for (var c = 0; c < placement.Length; c++)
        {
            placement[c] = (block, rowStart[c]);
        }

        return new QuantizedRowSet(Dimension, Count, placement, RunsOf(placement, rowStart));
    }

    /// <summary>Rows <see cref="RowStart"/>.. of the snapshot are rows <see cref="BlockStart"/>.. of <see cref="Block"/>.</summary>
    internal readonly record struct Run(QuantizedRows Block, int BlockStart, int Count, int RowStart);
}
