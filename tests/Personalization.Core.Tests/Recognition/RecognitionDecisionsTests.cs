using Personalization.Core.Domain;
using Personalization.Core.Recognition;
using static Personalization.Core.Tests.Recognition.Evidence;

namespace Personalization.Core.Tests.Recognition;

public sealed class RecognitionDecisionsTests
{
    [Fact]
    public void ShouldReject_NoCandidates_IsTrue()
    {
        Assert.True(RecognitionDecisions.ShouldReject([], Thresholds));
    }

    [Theory]
    [InlineData(0.10f, true)]
    [InlineData(0.549f, true)]
    [InlineData(0.55f, false)] // the threshold itself passes
    [InlineData(0.90f, false)]
    public void ShouldReject_TopScoreAgainstRejectBelow_DecidesOnTheFirstCandidate(float topScore, bool expected)
    {
        Assert.Equal(expected, RecognitionDecisions.ShouldReject([Candidate("bo", topScore), Candidate("mochi", 0.1f)], Thresholds));
    }

    [Fact]
    public void ClaimsOf_Reasoning_KeepsOnlyVisibleAttributesWithTheCandidatesRegion()
    {
        var reasoning = Reasoning(
            "bo",
            Attributes("bo", ("red collar", true), ("pointy ears", false), ("white paws", true)),
            Attributes("mochi", ("teapot", false)));

        var claims = RecognitionDecisions.ClaimsOf(reasoning, [Candidate("bo", 0.8f, queryRegion: 2), Candidate("mochi", 0.7f, queryRegion: 1)]);

        Assert.Equal(2, claims.Count);
        Assert.Equal(Name("bo"), claims[0].Concept);
        Assert.Equal(["red collar", "white paws"], claims[0].Attributes);
        Assert.Equal(2, claims[0].QueryRegion);
        Assert.Equal(Name("mochi"), claims[1].Concept);
        Assert.Empty(claims[1].Attributes);
        Assert.Equal(1, claims[1].QueryRegion);
    }

    [Fact]
    public void ClaimsOf_ReasoningAboutAConceptNotRetrieved_UsesTheWholeImageRegion()
    {
        var claims = RecognitionDecisions.ClaimsOf(Reasoning(null, Attributes("kiki", ("stripes", true))), [Candidate("bo", 0.8f, queryRegion: 3)]);

        Assert.Equal(0, Assert.Single(claims).QueryRegion);
    }

    [Fact]
    public void BestVerified_MixedScores_PicksTheHighestAndSkipsUnverifiable()
    {
        var best = RecognitionDecisions.BestVerified([Verified("bo", 0.3f), Verified("mochi", null), Verified("kiki", 0.6f), Verified("lulu", 0.5f)]);

        Assert.Equal(Name("kiki"), best);
    }

    [Fact]
    public void BestVerified_NullFirstThenScores_StillFindsTheScoredOne()
    {
        Assert.Equal(Name("mochi"), RecognitionDecisions.BestVerified([Verified("bo", null), Verified("mochi", -0.2f)]));
    }

    [Fact]
    public void BestVerified_Tie_KeepsTheFirst()
    {
        Assert.Equal(Name("bo"), RecognitionDecisions.BestVerified([Verified("bo", 0.5f), Verified("mochi", 0.5f)]));
    }

    [Fact]
    public void BestVerified_NothingVerifiable_IsNull()
    {
        Assert.Null(RecognitionDecisions.BestVerified([Verified("bo", null)]));
        Assert.Null(RecognitionDecisions.BestVerified([]));
    }

    [Fact]
    public void AcceptAfterVerification_ChoiceIsBestVerifiedAndConfident_ReturnsTheCandidate()
    {
        var bo = Candidate("bo", 0.61f);

        var accepted = RecognitionDecisions.AcceptAfterVerification(
            Reasoning("bo"), [Verified("bo", 0.4f), Verified("mochi", 0.3f)], [bo, Candidate("mochi", 0.58f)], Thresholds);

        Assert.Same(bo, accepted);
    }

    [Fact]
    public void AcceptAfterVerification_ScoreExactlyAcceptAbove_IsAccepted()
    {
        Assert.NotNull(RecognitionDecisions.AcceptAfterVerification(Reasoning("bo"), [Verified("bo", 0.4f)], [Candidate("bo", 0.60f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterVerification_VerificationPrefersAnother_IsNull()
    {
        var accepted = RecognitionDecisions.AcceptAfterVerification(
            Reasoning("bo"), [Verified("bo", 0.3f), Verified("mochi", 0.4f)], [Candidate("bo", 0.9f), Candidate("mochi", 0.8f)], Thresholds);

        Assert.Null(accepted);
    }

    [Fact]
    public void AcceptAfterVerification_AgreedButRetrievalUnsure_IsNull()
    {
        // Between RejectBelow (0.55) and AcceptAbove (0.60): reasoning and verification agree, but not confidently enough.
        var accepted = RecognitionDecisions.AcceptAfterVerification(Reasoning("bo"), [Verified("bo", 0.9f)], [Candidate("bo", 0.58f)], Thresholds);

        Assert.Null(accepted);
    }

    [Fact]
    public void AcceptAfterVerification_NoChoice_IsNull()
    {
        Assert.Null(RecognitionDecisions.AcceptAfterVerification(Reasoning(null), [Verified("bo", 0.9f)], [Candidate("bo", 0.9f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterVerification_NothingVerifiable_IsNull()
    {
        Assert.Null(RecognitionDecisions.AcceptAfterVerification(Reasoning("bo"), [Verified("bo", null)], [Candidate("bo", 0.9f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterVerification_ChoiceNotAmongCandidates_IsNull()
    {
        Assert.Null(RecognitionDecisions.AcceptAfterVerification(Reasoning("kiki"), [Verified("kiki", 0.9f)], [Candidate("bo", 0.9f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterPairwise_BestClearsThreshold_ReturnsIt()
    {
        var best = RecognitionDecisions.AcceptAfterPairwise([Judgement("bo", 0.2f), Judgement("mochi", 0.7f), Judgement("kiki", 0.6f)], Thresholds);

        Assert.Equal(Name("mochi"), best?.Concept);
        Assert.Equal(0.7f, best!.Probability);
    }

    [Fact]
    public void AcceptAfterPairwise_ExactlyAtThreshold_IsAccepted()
    {
        Assert.NotNull(RecognitionDecisions.AcceptAfterPairwise([Judgement("bo", 0.5f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterPairwise_AllBelowThreshold_IsNull()
    {
        Assert.Null(RecognitionDecisions.AcceptAfterPairwise([Judgement("bo", 0.49f), Judgement("mochi", 0.1f)], Thresholds));
    }

    [Fact]
    public void AcceptAfterPairwise_NoJudgements_IsNull()
    {
        Assert.Null(RecognitionDecisions.AcceptAfterPairwise([], Thresholds));
    }

    // Regions: 0 the whole image, 1 the left half, 2 the right half, 3 most of the left half.
    private static readonly BoundingBox[] Regions = [new(0, 0, 640, 320), new(0, 0, 320, 320), new(320, 0, 320, 320), new(10, 10, 300, 300)];

    [Fact]
    public void AlsoPresent_ConfidentCandidateInAnotherRegion_IsNamedWithItsBox()
    {
        var winner = Candidate("bo", 0.80f, queryRegion: 1);

        var also = RecognitionDecisions.AlsoPresent(winner, [winner, Candidate("mochi", 0.72f, queryRegion: 2)], Regions, null, Thresholds);

        var named = Assert.Single(also);
        Assert.Equal((Name("mochi"), Regions[2], 0.72f), (named.Concept, named.Box, named.Confidence));
    }

    [Theory]
    [InlineData(0.65f, 2)] // below AlsoPresentAbove (0.66 by default)
    [InlineData(0.90f, 1)] // the winner's own region
    [InlineData(0.90f, 3)] // overlaps the winner's region (IoU ≥ ½)
    [InlineData(0.90f, 0)] // the whole image: no place of its own
    [InlineData(0.90f, 9)] // a region the retrieval does not know
    public void AlsoPresent_WeakOrOverlappingOrWholeImage_IsNotNamed(float score, int region)
    {
        var winner = Candidate("bo", 0.80f, queryRegion: 1);

        Assert.Empty(RecognitionDecisions.AlsoPresent(winner, [winner, Candidate("mochi", score, queryRegion: region)], Regions, null, Thresholds));
    }

    [Fact]
    public void AlsoPresent_NoWinner_NamesNothing()
    {
        Assert.Empty(RecognitionDecisions.AlsoPresent(null, [Candidate("mochi", 0.95f, queryRegion: 2)], Regions, null, Thresholds));
    }

    [Fact]
    public void AlsoPresent_TwoCandidatesOnTheSameRegion_NamesOnlyTheBetter()
    {
        var winner = Candidate("bo", 0.80f, queryRegion: 1);

        var also = RecognitionDecisions.AlsoPresent(winner, [winner, Candidate("dog2", 0.74f, queryRegion: 2), Candidate("mochi", 0.78f, queryRegion: 2)], Regions, null, Thresholds);

        Assert.Equal([Name("mochi")], also.Select(a => a.Concept));
    }

    [Fact]
    public void AlsoPresent_PairwiseRejectedTheCandidate_IsNotNamed()
    {
        var winner = Candidate("bo", 0.80f, queryRegion: 1);
        var candidates = new[] { winner, Candidate("mochi", 0.75f, queryRegion: 2) };

        Assert.Empty(RecognitionDecisions.AlsoPresent(winner, candidates, Regions, [Judgement("bo", 0.9f), Judgement("mochi", 0.2f)], Thresholds));
        Assert.Single(RecognitionDecisions.AlsoPresent(winner, candidates, Regions, [Judgement("bo", 0.9f), Judgement("mochi", 0.6f)], Thresholds));
    }
}
