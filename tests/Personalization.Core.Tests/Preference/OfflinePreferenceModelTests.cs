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

        // a sits at the liked references, b at the disliked ones: fits near 1 and 0; saturation is the only dimension that
        // places held-out references on their side, so it alone weighs the verdict, by its held-out margin.
        var row = first.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        Assert.True(row.ScoreA > 0.9, $"A {row.ScoreA}");
        Assert.True(row.ScoreB < 0.1, $"B {row.ScoreB}");
        Assert.Equal(profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation).HeldOut!.Margin, row.Weight);
        Assert.All(first.Dimensions.Where(d => d.Dimension != PreferenceDimension.Saturation), d => Assert.Equal(0, d.Weight));
        Assert.True(first.Confidence > 0.99, $"confidence {first.Confidence}");
        Assert.Contains("saturation", first.Reason, StringComparison.Ordinal);
    }

    /// <summary>An image with a saturation and a colour feature; every other dimension is the same for all images.</summary>
    private static DescribedImage TwoFeatures(string id, float saturation, float colour) => new(
        id,
        "hash-" + id,
        Enum.GetValues<PreferenceDimension>().ToDictionary(
            d => d,
            d => d switch
            {
                PreferenceDimension.Saturation => new DimensionDescription([saturation], [], $"saturation {saturation}"),
                PreferenceDimension.Color => new DimensionDescription([colour], [], $"colour {colour}"),
                _ => new DimensionDescription([0.5f], [], "same"),
            }));

    [Fact]
    public void Judge_SmallConsistentDifference_OutweighsALargeOneThatOnlyFollowsThePhotos()
    {
        // Liked photos are a little more saturated than disliked ones (0.03), every time; on colour the two sides' means
        // differ far more (0.67 against 0.33), but only because the photos differ: each side spreads over most of the
        // range. Weighing dimensions by the distance between the centroids over the spread (the weight) would let colour
        // decide.
        var profile = OfflinePreferenceModel.BuildProfile(
            "alice",
            [TwoFeatures("l1", 0.32f, 0.9f), TwoFeatures("l2", 0.33f, 0.3f), TwoFeatures("l3", 0.31f, 0.8f)],
            [TwoFeatures("d1", 0.29f, 0.1f), TwoFeatures("d2", 0.30f, 0.7f), TwoFeatures("d3", 0.28f, 0.2f)],
            Now);

        // a is a little more saturated but has the disliked side's colour; b the reverse.
        var verdict = OfflinePreferenceModel.Judge(profile, TwoFeatures("a", 0.31f, 0.3f), TwoFeatures("b", 0.29f, 0.8f));

        Assert.Equal("A", verdict.Preferred);
        var saturation = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        var colour = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Color);
        Assert.Equal(1.0, saturation.HeldOut!.Consistency);
        Assert.True(saturation.HeldOut.Margin > colour.HeldOut!.Margin, $"{saturation.HeldOut} vs {colour.HeldOut}");
    }

    [Fact]
    public void Judge_OneReferenceASideDifferingLessThanTheShrinkage_StillFollowsTheirDifference()
    {
        // One reference a side: nothing can be held out, and a difference of 0.02 is shrunk away entirely on the axis.
        // The verdict then compares the candidates with the unshrunk centroids rather than calling it a tie.
        var profile = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.31f)], [Image("d1", 0.29f)], Now);
        Assert.Equal(0, profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation).Axis!.Position([0.31f]));

        var verdict = OfflinePreferenceModel.Judge(profile, Image("a", 0.29f), Image("b", 0.31f));

        Assert.Equal("B", verdict.Preferred);
        Assert.True(verdict.Consistent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Profile_StoredAsJsonAndReadBack_KeepsItsAxesAndHeldOutChecks(bool snakeCase)
    {
        // The profile stores (file: default options; blobs: snake_case) keep what the verdict needs.
        var options = snakeCase ? new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower } : new System.Text.Json.JsonSerializerOptions();
        var profile = OfflinePreferenceModel.BuildProfile("alice", [Image("l1", 0.8f), Image("l2", 0.7f)], [Image("d1", 0.2f), Image("d2", 0.1f)], Now);

        var read = System.Text.Json.JsonSerializer.Deserialize<PreferenceProfile>(System.Text.Json.JsonSerializer.Serialize(profile, options), options)!;

        var before = profile.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        var after = read.Dimensions.Single(d => d.Dimension == PreferenceDimension.Saturation);
        Assert.Equal(before.Axis!.Scale, after.Axis!.Scale);
        Assert.Equal(before.Axis.Liked, after.Axis.Liked);
        Assert.Equal(before.HeldOut, after.HeldOut);
        Assert.Equal(
            OfflinePreferenceModel.Judge(profile, Image("a", 0.75f), Image("b", 0.15f)).Confidence,
            OfflinePreferenceModel.Judge(read, Image("a", 0.75f), Image("b", 0.15f)).Confidence);
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
