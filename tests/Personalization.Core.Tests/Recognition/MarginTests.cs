using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>The best candidate's lead over the next concept (Recognition:MarginWeight) adds to its score; nothing else moves.</summary>
public sealed class MarginTests
{
    private static Candidate C(string name, float score) => new(ConceptName.Parse(name), score, score, 0, 0, 0);

    [Fact]
    public void ClearWinner_GainsItsLead_OthersKeepTheirScores()
    {
        var ranked = CandidateRetriever.WithMargin([C("bo", 0.80f), C("rex", 0.70f), C("teapot", 0.60f)], weight: 0.5f, floor: 0.65f);

        Assert.Equal(0.85f, ranked[0].Score, 4);
        Assert.Equal(0.10f, ranked[0].Margin!.Value, 4);
        Assert.Equal(0.80f, ranked[0].GlobalScore!.Value, 4);
        Assert.Equal([0.70f, 0.60f], ranked.Skip(1).Select(c => c.Score));
        Assert.All(ranked.Skip(1), c => Assert.Null(c.Margin));
    }

    [Fact]
    public void LookAlikeOfTwoConcepts_GainsAlmostNothing()
    {
        var ranked = CandidateRetriever.WithMargin([C("bo", 0.76f), C("rex", 0.75f)], weight: 0.5f, floor: 0.65f);

        Assert.Equal(0.765f, ranked[0].Score, 4);
    }

    [Fact]
    public void OneConcept_OrAFarRunnerUp_IsMeasuredAgainstTheFloor()
    {
        Assert.Equal(0.875f, CandidateRetriever.WithMargin([C("bo", 0.80f)], 0.5f, 0.65f)[0].Score, 4);
        Assert.Equal(0.875f, CandidateRetriever.WithMargin([C("bo", 0.80f), C("rex", 0.30f)], 0.5f, 0.65f)[0].Score, 4);
    }

    [Fact]
    public void Off_ChangesNothing()
    {
        IReadOnlyList<Candidate> ranked = [C("bo", 0.80f), C("rex", 0.70f)];

        Assert.Same(ranked, CandidateRetriever.WithMargin(ranked, 0f, 0.65f));
        Assert.Empty(CandidateRetriever.WithMargin([], 0.5f, 0.65f));
    }
}
