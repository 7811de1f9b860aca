using Personalization.Core.Preference;

namespace Personalization.Core.Tests.Preference;

public sealed class SideAxisTests
{
    // Feature 0 tells the sides apart by a small but consistent step; feature 1 only follows the photos (it varies
    // within each side far more than between them).
    private static readonly float[][] Liked = [[0.52f, 0.1f], [0.53f, 0.9f], [0.51f, 0.5f]];
    private static readonly float[][] Disliked = [[0.47f, 0.8f], [0.48f, 0.2f], [0.46f, 0.4f]];

    [Fact]
    public void Fit_FeatureThatOnlyFollowsContent_IsShrunkOut()
    {
        var axis = SideAxis.Fit(Liked, Disliked);

        Assert.Equal(axis.Liked[1], axis.Disliked[1]);
        Assert.True(axis.Liked[0] > axis.Disliked[0]);
        Assert.Equal(axis.Position([0.5f, 0f]), axis.Position([0.5f, 1f]), 9);
    }

    [Fact]
    public void Position_SmallConsistentDifference_PlacesEachSideOnItsOwnSide()
    {
        var axis = SideAxis.Fit(Liked, Disliked);

        Assert.All(Liked, x => Assert.True(axis.Position(x) > 0));
        Assert.All(Disliked, x => Assert.True(axis.Position(x) < 0));
        Assert.Equal(0.5, axis.Position(axis.Liked), 6);
        Assert.Equal(-0.5, axis.Position(axis.Disliked), 6);
    }

    [Fact]
    public void Position_IsLinearBeyondTheLikedSide()
    {
        var axis = SideAxis.Fit(Liked, Disliked);

        // Two candidates both past the liked references are still ordered (a clamped fit would call them equal).
        Assert.True(axis.Position([0.70f, 0.5f]) > axis.Position([0.60f, 0.5f]));
        Assert.True(axis.Position([0.60f, 0.5f]) > 0.5);
    }

    [Fact]
    public void Position_SidesThatDoNotDiffer_IsZero()
    {
        float[][] same = [[0.5f, 0.1f], [0.5f, 0.9f]];
        var axis = SideAxis.Fit(same, same);

        Assert.Equal(0, axis.Position([0.9f, 0.9f]));
    }

    [Fact]
    public void Fit_FeatureConstantOnEachSide_UsesTheLeastScale()
    {
        var axis = SideAxis.Fit([[1f], [1f]], [[0f], [0f]]);

        Assert.Equal(SideAxis.MinScale, axis.Scale[0]);
        Assert.True(axis.Position([1f]) > 0 && axis.Position([0f]) < 0);
    }
}
