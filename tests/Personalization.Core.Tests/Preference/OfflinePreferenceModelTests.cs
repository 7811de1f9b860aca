using Personalization.Core.Preference;

namespace Personalization.Core.Tests.Preference;

public sealed class OfflinePreferenceModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An image whose saturation feature is <paramref name="saturation"/>; every other dimension is the same for all images.</summary>
    private static DescribedImage Image(string id, float saturation, string? term = null) => new(
        id,
        "hash-" + id,
        Enum.GetValues<PreferenceDimension>().ToDictionary(
            d => d,
            d => d == PreferenceDimension.Saturation
                ? new DimensionDescription([saturation], term is null ? [] : [term], $"saturation {saturation}")
                : new DimensionDescription([0.5f], ["same"], "same")));

    [Fact]
    public void BuildProfile_LikedVividDislikedMuted_WeighsSaturationAndNamesTheTerms()
    {
        var profile = OfflinePreferenceModel.BuildProfile(
            "alice",
            [Image("l1", 0.8f, "vivid"), Image("l2", 0.7f, "vivid")],
            [Image("d1", 0.2f, "muted"), Image("d2", 0.1f, "muted")],
            Now);

        var saturation = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        Assert.Equal(["vivid"], saturation.Likes);
        Assert.Equal(["muted"], saturation.Dislikes);

        // Centroids 0.75 and 0.15 are 0.6 apart; spread 0.05 within each side: weight 0.6 / (0.05 + 0.05 + 0.05) = 4.
        Assert.Equal(4.0, saturation.Weight, 3);
        Assert.All(profile.Dimensions.Where(d => d.Dimension != PreferenceDimension.Saturation), d => Assert.Equal(0, d.Weight));
        Assert.All(profile.Dimensions.Where(d => d.Dimension != PreferenceDimension.Saturation), d => Assert.Empty(d.Likes));
    }

    [Fact]
    public void BuildProfile_LikedTheMoreColourfulPhotos_NeverLikesMuted()
    {
        // The liked photos are the more saturated ones; one of them is still described "muted", as are two disliked ones.
        var profile = OfflinePreferenceModel.BuildProfile(
            "alice",
            [Image("l1", 0.5f, "muted"), Image("l2", 0.9f, "vivid")],
            [Image("d1", 0.30f, "dull"), Image("d2", 0.35f, "dull"), Image("d3", 0.40f, "muted")],
            Now);

        var saturation = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        Assert.DoesNotContain("muted", saturation.Likes);
        Assert.Equal(["vivid"], saturation.Likes);
        Assert.Equal(["dull"], saturation.Dislikes);

        // How sure each is: the share of each side it describes.
        var vivid = Assert.Single(saturation.Support!, s => s.Term == "vivid");
        Assert.Equal(("likes", 0.5, 0.0, 0.5), (vivid.Side, vivid.LikedShare, vivid.DislikedShare, vivid.Difference));
        var dull = Assert.Single(saturation.Support!, s => s.Term == "dull");
        Assert.Equal(("dislikes", 0.0, 0.6667, 0.6667), (dull.Side, dull.LikedShare, dull.DislikedShare, dull.Difference));
    }

    [Fact]
    public void BuildProfile_ReferencesThatDoNotDiffer_NameNoLikesOrDislikes()
    {
        // Liked and disliked look alike on saturation (weight < 1), and with only liked references there is nothing to differ from.
        var alike = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.5f, "muted"), Image("l2", 0.9f, "vivid")], [Image("d1", 0.55f, "vivid"), Image("d2", 0.85f, "bright")], Now);
        var likedOnly = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.8f, "vivid"), Image("l2", 0.85f, "vivid")], [], Now);

        Assert.All(alike.Dimensions.Concat(likedOnly.Dimensions), d => Assert.Empty(d.Likes.Concat(d.Dislikes)));
    }

    [Fact]
    public void Judge_CandidateNearTheLikedSide_IsPreferredInEitherOrder()
    {
        var profile = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.8f), Image("l2", 0.7f)], [Image("d1", 0.2f), Image("d2", 0.1f)], Now);

        var first = OfflinePreferenceModel.Judge(profile, Image("a", 0.75f), Image("b", 0.15f));
        var swapped = OfflinePreferenceModel.Judge(profile, Image("b", 0.15f), Image("a", 0.75f));

        Assert.Equal("A", first.Preferred);
        Assert.Equal("B", swapped.Preferred);
        Assert.True(first.Consistent);
        Assert.Equal(first.Confidence, swapped.Confidence);

        // a sits on the liked centroid (fit 1), b on the disliked one (fit 0): margin 1, confidence σ(8) = 0.9997.
        var row = first.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        Assert.Equal(1.0, row.ScoreA, 3);
        Assert.Equal(0.0, row.ScoreB, 3);
        Assert.Equal(0.9997, first.Confidence, 4);
        Assert.Contains("saturation", first.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_IdenticalCandidates_IsAnError()
    {
        var profile = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.8f)], [], Now);
        var e = Assert.Throws<PreferenceException>(() => OfflinePreferenceModel.Judge(profile, Image("x", 0.5f), Image("x", 0.5f)));
        Assert.Contains("same image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildProfile_NoLikedImage_IsAnError() =>
        Assert.Throws<PreferenceException>(() => OfflinePreferenceModel.BuildProfile("alice", [], [Image("d1", 0.2f)], Now));

    [Fact]
    public void Judge_OnlyLikedReferences_PrefersTheCloserCandidate()
    {
        var profile = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.8f)], [], Now);
        var verdict = OfflinePreferenceModel.Judge(profile, Image("a", 0.2f), Image("b", 0.7f));
        Assert.Equal("B", verdict.Preferred);
    }
}
