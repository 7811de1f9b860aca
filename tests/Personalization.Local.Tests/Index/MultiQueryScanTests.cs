using System.Numerics.Tensors;
using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class MultiQueryScanTests
{
    // 4000 rows × 256 × 10 queries is past the parallel threshold; 40 rows is one core's work.
    [Theory]
    [InlineData(4000, 256, 10)]
    [InlineData(40, 64, 3)]
    [InlineData(17, 1280, 1)]
    public void Search_RandomRowsWithTies_MatchesTheScanOfOneQueryAtATime(int count, int dimension, int queryCount)
    {
        var random = new Random(count + dimension);
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            // Every seventh row repeats an earlier one: equal scores, which must keep the earlier row.
            rows[i] = i % 7 == 6 ? (float[])rows[random.Next(i)].Clone() : Unit(dimension, random);
        }

        var queries = Enumerable.Range(0, queryCount).Select(q => (Unit(dimension, random), Top: q % 3 == 0 ? 10 : 1 + q)).ToList();
        queries.Add((rows[count / 2], count + 5)); // more hits asked than rows, and a query equal to a row

        var hits = MultiQueryScan.Search(RowViews.Of(rows), dimension, queries);

        Assert.Equal(queries.Count, hits.Length);
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(Naive(rows, dimension, queries[q].Item1, queries[q].Top), hits[q]);
        }
    }

    [Fact]
    public void Search_NoRows_GivesEachQueryNothing()
    {
        var hits = MultiQueryScan.Search([], 8, [(new float[8], 5), (new float[8], 1)]);

        Assert.Equal(2, hits.Length);
        Assert.All(hits, Assert.Empty);
    }

    /// <summary>The scan as the index did it before: the rows copied into one array, one query at a time through <see cref="TopK"/>.</summary>
    private static (int, float)[] Naive(float[][] rows, int dimension, float[] query, int k)
    {
        var contiguous = new float[rows.Length * dimension];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(contiguous, i * dimension);
        }

        var top = new TopK(k);
        for (var i = 0; i < rows.Length; i++)
        {
            top.Offer(i, TensorPrimitives.Dot(query, contiguous.AsSpan(i * dimension, dimension)));
        }

        return [.. top.Best()];
    }

    private static float[] Unit(int dimension, Random random)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
