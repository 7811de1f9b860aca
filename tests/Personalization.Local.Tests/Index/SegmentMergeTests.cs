using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class SegmentMergeTests
{
    [Fact]
    public void Plan_SmallWriteBesideALargeSegment_MergesNothing()
    {
        Assert.Equal([false], SegmentMerge.Plan([100_000], [100_000], 64));
    }

    [Fact]
    public void Plan_NewestSegmentsNoLargerThanTwiceTheTail_AreMerged()
    {
        // 64 new: the 64 is merged (64 ≤ 128), then the 192 (≤ 2 × 128), the 1000 stays.
        Assert.Equal([false, true, true], SegmentMerge.Plan([1000, 192, 64], [1000, 192, 64], 64));
    }

    [Fact]
    public void Plan_GarbageOverHalf_MergesEverything()
    {
        // 1000 stored in the old segment, 300 of it live: 700 garbage against 300 + 64 live.
        Assert.Equal([true], SegmentMerge.Plan([1000], [300], 64));
        Assert.Equal([false], SegmentMerge.Plan([1000], [600], 64));
    }

    [Fact]
    public void Plan_SegmentWithNothingLive_IsDropped()
    {
        Assert.Equal([true, false], SegmentMerge.Plan([64, 5000], [0, 5000], 0));
    }

    // Writes of one size, one after another: the segments stay few and the floats rewritten stay O(n log n).
    [Fact]
    public void Plan_ManyEqualWrites_KeepFewSegments()
    {
        var segments = new List<long>();
        long rewritten = 0;
        for (var write = 0; write < 1000; write++)
        {
            var merged = SegmentMerge.Plan(segments, segments, 64);
            var tail = 64 + segments.Where((_, i) => merged[i]).Sum();
            rewritten += tail;
            segments = [.. segments.Where((_, i) => !merged[i]), tail];
        }

        Assert.InRange(segments.Count, 1, 11);
        Assert.InRange(rewritten, 64_000, 64_000 * 12);
    }
}
