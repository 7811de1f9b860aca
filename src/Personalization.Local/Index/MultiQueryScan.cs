using System.Numerics.Tensors;

namespace Personalization.Local.Index;

/// <summary>
/// Exact top-k of several query vectors over the same rows in one pass: the rows are walked in blocks small enough to
/// stay in cache while every query scores them, so each row is read from memory once per call however many queries
/// there are; with many rows the blocks are split between the cores. Each score is the same
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> of the same two spans as a scan of one
/// query at a time, and ties keep the lower row, so the hits and their order are those of <see cref="TopK"/> fed row by row.
/// </summary>
internal static class MultiQueryScan
{
    // 16 rows of 1280 floats are 80 KiB: they stay in L2 while up to ten queries score them.
    private const int BlockRows = 16;

    // Below this many multiply-adds one core finishes before a second one would have started.
    private const long ParallelWork = 1L << 22;

    /// <param name="rows">The rows, each <paramref name="dimension"/> floats long (views of the vectors the concepts hold, never copied).</param>
    /// <param name="queries">Each query vector is <paramref name="dimension"/> floats long.</param>
    /// <returns>Per query, its best rows (index, score), best first, ties by the lower index.</returns>
    public static (int Row, float Score)[][] Search(ReadOnlyMemory<float>[] rows, int dimension, IReadOnlyList<(float[] Vector, int Top)> queries)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(queries);
        var count = rows.Length;
        if (queries.Count == 0)
        {
            return [];
        }

        var blocks = (count + BlockRows - 1) / BlockRows;
        var workers = (long)count * dimension * queries.Count >= ParallelWork ? Math.Min(Environment.ProcessorCount, blocks) : 1;
        if (workers <= 1)
        {
            return [.. Scan(rows, dimension, queries, 0, count).Select(t => t.Best().ToArray())];
        }

        // Contiguous ranges of whole blocks, one per worker; each keeps its own top-k, merged below.
        var partial = new TopK[workers][];
        Parallel.For(0, workers, w =>
        {
            var start = (int)((long)blocks * w / workers) * BlockRows;
            var end = Math.Min(count, (int)((long)blocks * (w + 1) / workers) * BlockRows);
            partial[w] = Scan(rows, dimension, queries, start, end);
        });

        var results = new (int Row, float Score)[queries.Count][];
        for (var q = 0; q < queries.Count; q++)
        {
            var top = new TopK(queries[q].Top);
            foreach (var hit in partial.SelectMany(p => p[q].Best()).OrderBy(h => h.Index))
            {
                top.Offer(hit.Index, hit.Score);
            }

            results[q] = [.. top.Best()];
        }

        return results;
    }

    private static TopK[] Scan(ReadOnlyMemory<float>[] rows, int dimension, IReadOnlyList<(float[] Vector, int Top)> queries, int start, int end)
    {
        var tops = new TopK[queries.Count];
        for (var q = 0; q < tops.Length; q++)
        {
            tops[q] = new TopK(queries[q].Top);
        }

        for (var block = start; block < end; block += BlockRows)
        {
            var blockEnd = Math.Min(end, block + BlockRows);
            for (var q = 0; q < tops.Length; q++)
            {
                var query = queries[q].Vector.AsSpan(0, dimension);
                var top = tops[q];
                for (var i = block; i < blockEnd; i++)
                {
                    top.Offer(i, TensorPrimitives.Dot(query, rows[i].Span[..dimension]));
                }
            }
        }

        return tops;
    }
}
