using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Personalization.Local.Index;

/// <summary>
/// Exact top-k of several queries over the same rows, found through their int8 copy (<see cref="QuantizedRowSet"/>):
/// a quarter of the bytes of the float rows, read once per call for all queries (blocks that stay in cache while every
/// query scores them; split between the cores at large sizes). For each row the int8 score <c>a</c> comes with a bound
/// <c>m</c> on how far the float score can be from it: <c>|x·r − x'·r'| ≤ |e_x|·|r| + |x'|·|e_r|</c> (x' and r' the
/// dequantised vectors, e their differences), plus the float dot product's own rounding, at most about d·2^-24·|x|·|r|.
/// A row whose upper bound <c>a + m</c> is below the k-th largest lower bound <c>a − m</c> cannot be among the k best,
/// nor tie with them; every other row is rescored with the same float dot product as <see cref="MultiQueryScan"/>, in
/// row order, so the hits, scores and order are exactly that scan's.
/// </summary>
internal static class QuantizedScan
{
    // 32 int8 rows of 1280 are 40 KiB: they stay in L2 while every query scores them.
    private const int BlockRows = 32;

    // Below this many int8 multiply-adds (32 per instruction) one core finishes in about 2 ms: a photo's 5 queries over
    // 10k rows stay on one core, where a second one, on a machine shared with other work, can start late.
    private const long ParallelWork = 1L << 26;

    /// <param name="rows">The float rows (each <see cref="QuantizedRowSet.Dimension"/> long) that <paramref name="set"/> quantises.</param>
    /// <param name="rescored">How many rows were rescored in float, over all queries.</param>
    /// <returns>Per query, its best rows (index, score), best first, ties by the lower index: those of <see cref="MultiQueryScan.Search"/>.</returns>
    public static (int Row, float Score)[][] Search(ReadOnlyMemory<float>[] rows, QuantizedRowSet set, IReadOnlyList<(float[] Vector, int Top)> queries, out int rescored)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(queries);
        var dimension = set.Dimension;
        if (rows.Length != set.Count)
        {
            throw new ArgumentException($"{rows.Length} rows against {set.Count} quantised", nameof(rows));
        }

        // A query that asks for every row, or that is not finite, gains nothing from a shortlist: scanned exactly.
        var results = new (int Row, float Score)[queries.Count][];
        var shortlisted = new List<(int Index, QuantizedQuery Query, int Top)>();
        var exact = new List<int>();
        for (var q = 0; q < queries.Count; q++)
        {
            var (vector, top) = queries[q];
            if (top <= 0)
            {
                results[q] = [];
            }
            else if (top < rows.Length && QuantizedQuery.Create(vector.AsSpan(0, dimension), set.Stride) is { } quantized)
            {
                shortlisted.Add((q, quantized, top));
            }
            else
            {
                exact.Add(q);
            }
        }

        var exactHits = MultiQueryScan.Search(rows, dimension, [.. exact.Select(q => queries[q])]);
        for (var i = 0; i < exact.Count; i++)
        {
            results[exact[i]] = exactHits[i];
        }

        rescored = 0;
        if (shortlisted.Count == 0)
        {
            return results;
        }

        var blocks = (rows.Length + BlockRows - 1) / BlockRows;
        var workers = (long)rows.Length * dimension * shortlisted.Count >= ParallelWork ? Math.Min(Environment.ProcessorCount, blocks) : 1;
        var partial = new Shortlist[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var start = (int)((long)blocks * w / workers) * BlockRows;
            var end = Math.Min(rows.Length, (int)((long)blocks * (w + 1) / workers) * BlockRows);
            partial[w] = Scan(set, shortlisted, start, end);
        });

        for (var s = 0; s < shortlisted.Count; s++)
        {
            var (index, _, top) = shortlisted[s];
            var kth = new KthLargest(top);
            foreach (var worker in partial)
            {
                foreach (var lower in worker[s].Lowers.Kept)
                {
                    kth.Offer(lower);
                }
            }

            // Workers cover increasing row ranges, so the candidates come in row order, as the exact scan offers them.
            var query = queries[index].Vector.AsSpan(0, dimension);
            var best = new TopK(top);
            var threshold = kth.Value;
            foreach (var worker in partial)
            {
                foreach (var (row, upper) in worker[s].Candidates)
                {
                    if (!(upper < threshold))
                    {
                        best.Offer(row, TensorPrimitives.Dot(query, rows[row].Span[..dimension]));
                        rescored++;
                    }
                }
            }

            results[index] = [.. best.Best()];
        }

        return results;
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="end"/> (whole blocks), every query: lower bounds and candidates.</summary>
    /// <remarks>Called once or twice per search, each call long: left to tiering it would run unoptimised (then on-stack
    /// replaced) for the first dozen searches, so it is compiled optimised at once.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Shortlist[] Scan(QuantizedRowSet set, List<(int Index, QuantizedQuery Query, int Top)> queries, int start, int end)
    {
        var lists = new Shortlist[queries.Count];
        var terms = new (double ErrorTimesNorm, double NormTimesError, float Scale)[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            lists[q] = new Shortlist(new KthLargest(queries[q].Top), []);

            // m = |e_x|·|r| + |x'|·|e_r| + rounding of the float dot, at most (d + 8)·2^-23·(|x| + |e_x|)·(|r| + |e_r|), a
            // wide cover of d·2^-24·|x|·|r| and of the few roundings of the int8 score's scaling.
            var stats = queries[q].Query.Stats;
            var rounding = (set.Dimension + 8) * Math.ScaleB(1.0, -23) * (stats.Norm + stats.Error);
            terms[q] = (stats.Error + rounding, stats.QuantizedNorm + rounding, stats.Scale);
        }

        if (set.Runs.Any(r => r.Block.Stride != set.Stride) || queries.Any(q => q.Query.Biased.Length != set.Stride))
        {
            throw new ArgumentException("the rows and queries are not all of one padded length");
        }

        foreach (var run in set.Runs)
        {
            var (from, to) = (Math.Max(start, run.RowStart), Math.Min(end, run.RowStart + run.Count));
            for (var block = from; block < to; block += BlockRows)
            {
                var blockEnd = Math.Min(to, block + BlockRows);
                for (var q = 0; q < queries.Count; q++)
                {
                    var (query, list) = (queries[q].Query, lists[q]);
                    var (errorTimesNorm, normTimesError, scale) = terms[q];
                    var threshold = list.Lowers.Value;
                    for (var row = block; row < blockEnd; row++)
                    {
                        var at = row - run.RowStart + run.BlockStart;
                        ref readonly var stats = ref run.Block.Stats(at);
                        double score = Int8Dot.DotOfCheckedLengths(run.Block.Row(at), stats.Sum, query) * ((double)scale * stats.Scale);
                        var margin = (errorTimesNorm * stats.Norm) + (normTimesError * stats.Error);
                        if (score + margin < threshold)
                        {
                            continue;
                        }

                        list.Lowers.Offer(score - margin);
                        threshold = list.Lowers.Value;
                        list.Candidates.Add((row, score + margin));
                    }
                }
            }
        }

        return lists;
    }

    /// <summary>One query's k largest lower bounds and the rows whose upper bound reached the k-th lower bound of their time.</summary>
    private sealed record Shortlist(KthLargest Lowers, List<(int Row, double Upper)> Candidates);
}
