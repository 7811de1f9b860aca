using System.Numerics.Tensors;
using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class QuantizedScanTests
{
    // Rows like image embeddings (non-negative, clustered around a few concepts, so scores crowd together), with exact
    // copies (ties, which must keep the earlier row) and copies one rounding step apart (near-ties the int8 scores cannot
    // tell apart). 3000 × 1280 × 7 queries is past the parallel threshold; 300 × 64 is one core's work.
    [Theory]
    [InlineData(3000, 1280, 6)]
    [InlineData(300, 64, 4)]
    [InlineData(1100, 384, 1)]
    [InlineData(500, 100, 3)]
    public void Search_EmbeddingLikeRowsWithTiesAndNearTies_GivesTheExactScansHits(int count, int dimension, int queryCount)
    {
        var random = new Random(count + dimension);
        var rows = EmbeddingLike(count, dimension, random);
        var queries = Enumerable.Range(0, queryCount).Select(q => (Noisy(rows[random.Next(count)], 0.3f, random), Top: q % 2 == 0 ? 10 : 1 + q)).ToList();
        queries.Add((rows[count / 2], 10)); // a query equal to a row: its copies tie at the top
        queries.Add((rows[count / 3], count + 5)); // more hits asked than rows: scanned exactly
        queries.Add((rows[1], 0));

        var hits = QuantizedScan.Search(RowViews.Of(rows), QuantizedRowSet.Build(RowViews.Of(rows), dimension, [0, count], null, null)!, queries, out var rescored);

        var exact = MultiQueryScan.Search(RowViews.Of(rows), dimension, queries);
        Assert.Equal(exact.Length, hits.Length);
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(exact[q], hits[q]);
        }

        // It is a shortlist: far fewer rows rescored than scanned (the query of every row excepted).
        Assert.InRange(rescored, queries.Count - 2, (queryCount + 1) * count / 4);
    }

    // The bound holds for every row, not only the top ones: x·r in float is within the margin of the int8 score.
    [Fact]
    public void Search_EveryTopOfASmallSet_IsTheExactOne()
    {
        var random = new Random(3);
        var rows = EmbeddingLike(200, 128, random);
        var set = QuantizedRowSet.Build(RowViews.Of(rows), 128, [0, 200], null, null)!;
        for (var top = 1; top < 200; top += 7)
        {
            List<(float[], int)> queries = [(Noisy(rows[random.Next(200)], 0.1f, random), top)];
            Assert.Equal(MultiQueryScan.Search(RowViews.Of(rows), 128, queries)[0], QuantizedScan.Search(RowViews.Of(rows), set, queries, out _)[0]);
        }
    }

    [Fact]
    public void Search_QueryWithNaN_IsScannedExactly()
    {
        var random = new Random(4);
        var rows = EmbeddingLike(100, 64, random);
        var query = (float[])rows[5].Clone();
        query[3] = float.NaN;
        List<(float[], int)> queries = [(query, 3), (rows[7], 3)];

        var hits = QuantizedScan.Search(RowViews.Of(rows), QuantizedRowSet.Build(RowViews.Of(rows), 64, [0, 100], null, null)!, queries, out var rescored);

        Assert.Equal(MultiQueryScan.Search(RowViews.Of(rows), 64, queries), hits);
        Assert.True(rescored < 100);
    }

    [Fact]
    public void Build_RowWithInfinity_GivesNoSet()
    {
        var rows = EmbeddingLike(10, 64, new Random(5));
        rows[4][2] = float.PositiveInfinity;

        Assert.Null(QuantizedRowSet.Build(RowViews.Of(rows), 64, [0, 10], null, null));
    }

    /// <summary>Unit rows of a few clusters, all components ≥ 0; every 9th row a copy of an earlier one, every 11th one rounding step off.</summary>
    internal static float[][] EmbeddingLike(int count, int dimension, Random random)
    {
        var centres = Enumerable.Range(0, 8).Select(_ => Positive(dimension, random)).ToArray();
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            if (i % 9 == 8)
            {
                rows[i] = (float[])rows[random.Next(i)].Clone();
            }
            else if (i % 11 == 10)
            {
                rows[i] = (float[])rows[random.Next(i)].Clone();
                var j = random.Next(dimension);
                rows[i][j] = MathF.BitIncrement(rows[i][j]);
            }
            else
            {
                rows[i] = Noisy(centres[random.Next(centres.Length)], 0.5f, random);
            }
        }

        return rows;
    }

    private static float[] Positive(int dimension, Random random)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            // ReLU-like: a third of the components are zero.
            v[i] = random.Next(3) == 0 ? 0 : (float)random.NextDouble();
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static float[] Noisy(float[] centre, float noise, Random random)
    {
        var v = new float[centre.Length];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = Math.Max(0, centre[i] + (noise * (float)(random.NextDouble() - 0.5) / MathF.Sqrt(v.Length / 16f)));
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
