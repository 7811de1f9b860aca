using Personalization.Core.Metrics;

namespace Personalization.Core.Tests.Metrics;

public sealed class CaptionTallyTests
{
    [Fact]
    public void Empty_HasZeroEverything()
    {
        var empty = CaptionTally.Empty;

        Assert.Equal(0, empty.GroundTruth);
        Assert.Equal(0, empty.Recall);
        Assert.Equal(0, empty.Precision);
        Assert.Equal(0, empty.F1);
    }

    [Fact]
    public void Add_TwoTallies_SumsEachCount()
    {
        var sum = new CaptionTally(1, 2, 3) + new CaptionTally(10, 20, 30);

        Assert.Equal(new CaptionTally(11, 22, 33), sum);
        Assert.Equal(sum, CaptionTally.Add(new CaptionTally(1, 2, 3), new CaptionTally(10, 20, 30)));
    }

    [Fact]
    public void Of_MixedOutcomes_CountsEachKind()
    {
        ConceptOutcome[] outcomes =
        [
            new("bo", CaptionOutcome.Correct), new("mochi", CaptionOutcome.Miss), new("kiki", CaptionOutcome.None),
            new("lulu", CaptionOutcome.Correct), new("bo", CaptionOutcome.None),
        ];

        Assert.Equal(new CaptionTally(2, 1, 2), CaptionTally.Of(outcomes));
        Assert.Equal(CaptionTally.Empty, CaptionTally.Of([]));
    }

    [Fact]
    public void Ratios_OnlyNone_HaveZeroPrecisionRecallAndF1()
    {
        // Nothing named at all: precision has no denominator (0 correct + 0 miss) and is reported as 0.
        var tally = new CaptionTally(0, 0, 5);

        Assert.Equal(5, tally.GroundTruth);
        Assert.Equal(0, tally.Recall);
        Assert.Equal(0, tally.Precision);
        Assert.Equal(0, tally.F1);
    }

    [Fact]
    public void Ratios_CorrectAndNoneOnly_HavePerfectPrecision()
    {
        // 3 correct, 0 miss, 1 none: recall 3/4, precision 3/3 = 1, F1 = 2·1·0.75/1.75 = 6/7.
        var tally = new CaptionTally(3, 0, 1);

        Assert.Equal(0.75, tally.Recall, 12);
        Assert.Equal(1.0, tally.Precision, 12);
        Assert.Equal(6.0 / 7.0, tally.F1, 12);
    }

    [Fact]
    public void Ratios_RePicStyleTotals_MatchPaperArithmetic()
    {
        // 93 correct, 4 miss, 3 none over 100 concepts: recall 0.93, precision 93/97 ≈ 0.958763,
        // F1 = 2·(93/97)·0.93 / (93/97 + 0.93) = 2·93 / (100 + 97) = 186/197 ≈ 0.944162.
        var tally = new CaptionTally(93, 4, 3);

        Assert.Equal(0.93, tally.Recall, 12);
        Assert.Equal(93.0 / 97.0, tally.Precision, 12);
        Assert.Equal(186.0 / 197.0, tally.F1, 12);
    }
}
