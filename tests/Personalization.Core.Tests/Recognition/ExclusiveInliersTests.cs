using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>Query keypoints that two concepts' matches both claim (the room their photos share) count for neither.</summary>
public sealed class ExclusiveInliersTests
{
    private static readonly BoundingBox Box = new(0, 0, 10, 10);

    [Fact]
    public void Apply_RoomSharedByTwoConcepts_CountsForNeitherObjectPointsStay()
    {
        // Concept 0 matches its object (points 0-5) and the room (10-19); concept 1 matches only the same room.
        var matches = new[] { Match(Range(0, 6).Concat(Range(10, 10))), Match(Range(10, 10)) };

        var result = ExclusiveInliers.Apply(matches, [0, 1], minInliers: 3);

        Assert.Equal(6, result[0].Inliers);
        Assert.Equal(Range(0, 6), result[0].QueryInliers);
        Assert.Equal(0, result[1].Inliers);
    }

    [Fact]
    public void Apply_SameConceptsSeveralReferences_DoNotCancelEachOther()
    {
        var matches = new[] { Match(Range(0, 8)), Match(Range(4, 8)) };

        var result = ExclusiveInliers.Apply(matches, [2, 2], minInliers: 3);

        Assert.Equal((8, 8), (result[0].Inliers, result[1].Inliers));
    }

    [Fact]
    public void Apply_WeakMatchClaimsNothing_AndKeepsOnlyWhatNoOtherConceptClaims()
    {
        // Concept 1 has 3 inliers (not above the minimum): it claims nothing, and loses the point concept 0 claims.
        var matches = new[] { Match(Range(0, 10)), Match([9, 20, 21]) };

        var result = ExclusiveInliers.Apply(matches, [0, 1], minInliers: 3);

        Assert.Equal(10, result[0].Inliers);
        Assert.Equal([20, 21], result[1].QueryInliers);
    }

    [Fact]
    public void Apply_RejectedRegion_ClaimsNothingAndIsUnchanged()
    {
        var matches = new[] { Match(Range(0, 10)), Match(Range(0, 10)) };

        var result = ExclusiveInliers.Apply(matches, [0, -1], minInliers: 3);

        Assert.Equal((10, 10), (result[0].Inliers, result[1].Inliers));
        Assert.Same(matches[1], result[1]);
    }

    [Fact]
    public void Apply_OwnersOfAnotherLength_Throws() =>
        Assert.Throws<ArgumentException>(() => ExclusiveInliers.Apply([Match([1, 2, 3, 4])], [0, 1], 3));

    private static LocalMatch Match(IEnumerable<int> points)
    {
        var list = points.ToList();
        return new LocalMatch(list.Count + 5, list.Count, Box, list);
    }

    private static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];
}
