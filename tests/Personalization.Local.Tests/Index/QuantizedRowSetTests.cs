using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class QuantizedRowSetTests
{
    [Fact]
    public void Build_AfterAWriteOfOneConcept_QuantisesOnlyItAndRunsFollowTheRows()
    {
        var rows = QuantizedScanTests.EmbeddingLike(200, 64, new Random(1));
        int[] rowStart = [.. Enumerable.Range(0, 21).Select(c => c * 10)];
        var first = QuantizedRowSet.Build(RowViews.Of(rows), 64, rowStart, null, null)!;

        // Concept 7 replaced by new rows; the others are the previous snapshot's concepts 0..19.
        var next = (float[][])rows.Clone();
        var fresh = QuantizedScanTests.EmbeddingLike(10, 64, new Random(2));
        fresh.CopyTo(next, 70);
        var second = QuantizedRowSet.Build(RowViews.Of(next), 64, rowStart, first, [.. Enumerable.Range(0, 20).Select(c => c == 7 ? -1 : c)])!;

        Assert.Equal([(0, 0, 70), (0, 70, 10), (80, 80, 120)], second.Runs.Select(r => (r.BlockStart, r.RowStart, r.Count)));
        Assert.Same(first.Runs[0].Block, second.Runs[0].Block);
        Assert.Same(first.Runs[0].Block, second.Runs[2].Block);
        Assert.Equal(10, second.Runs[1].Block.Count);
        Assert.Equal(210, second.HeldRows());
        List<(float[], int)> queries = [(next[75], 5), (next[3], 5)];
        Assert.Equal(MultiQueryScan.Search(RowViews.Of(next), 64, queries), QuantizedScan.Search(RowViews.Of(next), second, queries, out _));
    }

    // Most concepts deleted: the one block would hold ten times the live rows, so the live ones are copied out.
    [Fact]
    public void Build_AfterMostConceptsWentAway_CopiesTheLiveRowsIntoOneBlock()
    {
        var rows = QuantizedScanTests.EmbeddingLike(200, 64, new Random(3));
        var first = QuantizedRowSet.Build(RowViews.Of(rows), 64, [.. Enumerable.Range(0, 21).Select(c => c * 10)], null, null)!;
        float[][] left = [.. rows.Skip(30).Take(10), .. rows.Skip(150).Take(10)];

        var kept = QuantizedRowSet.Build(RowViews.Of(left), 64, [0, 10, 20], first, [3, 15], slackRows: 0)!;

        var run = Assert.Single(kept.Runs);
        Assert.Equal((0, 0, 20, 20), (run.BlockStart, run.RowStart, run.Count, run.Block.Count));
        Assert.Equal(20, kept.HeldRows());
        List<(float[], int)> queries = [(left[12], 3), (rows[0], 4)];
        Assert.Equal(MultiQueryScan.Search(RowViews.Of(left), 64, queries), QuantizedScan.Search(RowViews.Of(left), kept, queries, out _));
    }
}
