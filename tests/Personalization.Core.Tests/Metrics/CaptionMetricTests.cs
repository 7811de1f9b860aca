using Personalization.Core.Metrics;

namespace Personalization.Core.Tests.Metrics;

/// <summary>
/// RePIC's caption metric and identity reward, checked against cases worked out by hand from docs/method.md §3 and the
/// classification of RePIC's <c>evaluation/eval_multi_4_concept.py</c>: a miss needs a named pool concept that is not
/// among the row's own ground truth.
/// </summary>
public sealed class CaptionMetricTests
{
    private static readonly string[] Pool = ["bo", "mochi", "kiki", "lulu"];

    [Fact]
    public void Tokenize_MixedCaseAndPunctuation_LowerCasesAndStripsTokenEnds()
    {
        var tokens = CaptionMetric.Tokenize("A photo of <Bo>, sitting by (Mochi)! \"kiki\" 'lulu' [x] {y} -z- ok?; yes:");

        Assert.Equal(
            new HashSet<string>(["a", "photo", "of", "<bo>", "sitting", "by", "mochi", "kiki", "lulu", "x", "y", "z", "ok", "yes"]),
            tokens);
    }

    [Fact]
    public void Tokenize_EndOfSequenceMarker_IsRemovedBeforeSplitting()
    {
        // Without the removal the last token would be "<bo></s>", which names nobody.
        var tokens = CaptionMetric.Tokenize("Here is <bo>.</s>");

        Assert.Contains("<bo>", tokens);
        Assert.DoesNotContain(tokens, t => t.Contains("</s>", StringComparison.Ordinal));
    }

    [Fact]
    public void Tokenize_TabsAndNewlines_SplitLikeSpaces()
    {
        var tokens = CaptionMetric.Tokenize("<bo>\tand\nmochi");

        Assert.Equal(new HashSet<string>(["<bo>", "and", "mochi"]), tokens);
    }

    [Fact]
    public void Tokenize_AnglesAndInnerPunctuation_AreKept()
    {
        // Only .,!?;:()[]{}"'- are stripped, and only at the ends: the brackets of <name> stay.
        var tokens = CaptionMetric.Tokenize("(<bo>) mr.whiskers, e-bike");

        Assert.Equal(new HashSet<string>(["<bo>", "mr.whiskers", "e-bike"]), tokens);
    }

    [Theory]
    [InlineData("<Bo>", "bo")]
    [InlineData("  <BO> ", "bo")]
    [InlineData("Mochi", "mochi")]
    [InlineData("<>", "")]
    [InlineData("<", "<")]
    public void NormalizeName_BracketedOrBare_GivesBareLowerCase(string name, string expected)
    {
        Assert.Equal(expected, CaptionMetric.NormalizeName(name));
    }

    [Theory]
    [InlineData("A photo of <bo> on the grass.", "bo")]
    [InlineData("A photo of <bo> on the grass.", "<bo>")]
    [InlineData("A photo of bo on the grass.", "<bo>")]
    [InlineData("A photo of <BO> on the grass.", "bo")]
    [InlineData("A photo of BO on the grass.", "<Bo>")]
    [InlineData("Look: \"<bo>\"!", "bo")]
    public void IsPresent_BracketedOrBareNameAnyCase_IsFound(string caption, string name)
    {
        Assert.True(CaptionMetric.IsPresent(CaptionMetric.Tokenize(caption), name));
    }

    [Theory]
    [InlineData("A photo of bobby on the grass.", "bo")] // a longer word is not the name
    [InlineData("A photo of <bo>'s ball.", "bo")] // only the ends are stripped: "<bo>'s" stays one token
    [InlineData("A photo of a dog.", "bo")]
    public void IsPresent_NameNotATokenOnItsOwn_IsNotFound(string caption, string name)
    {
        Assert.False(CaptionMetric.IsPresent(CaptionMetric.Tokenize(caption), name));
    }

    [Fact]
    public void Score_ConceptNamedWithBrackets_IsCorrect()
    {
        var tally = CaptionMetric.Score("Here <bo> plays on the lawn.", ["<bo>"], Pool);

        Assert.Equal(new CaptionTally(1, 0, 0), tally);
    }

    [Fact]
    public void Score_ConceptNamedBare_IsCorrect()
    {
        var tally = CaptionMetric.Score("Here Bo plays on the lawn.", ["<bo>"], Pool);

        Assert.Equal(new CaptionTally(1, 0, 0), tally);
    }

    [Fact]
    public void Score_WrongConceptOfThePoolNamed_IsMiss()
    {
        var tally = CaptionMetric.Score("Here <mochi> plays on the lawn.", ["<bo>"], Pool);

        Assert.Equal(new CaptionTally(0, 1, 0), tally);
    }

    [Fact]
    public void Score_NoConceptNamed_IsNone()
    {
        var tally = CaptionMetric.Score("Here a dog plays on the lawn.", ["<bo>"], Pool);

        Assert.Equal(new CaptionTally(0, 0, 1), tally);
    }

    [Fact]
    public void Score_NameOutsideThePool_IsNoneNotMiss()
    {
        // "rex" is named, but it is not one of the evaluated concepts, so it cannot make a miss.
        var tally = CaptionMetric.Score("Here <rex> plays on the lawn.", ["<bo>"], Pool);

        Assert.Equal(new CaptionTally(0, 0, 1), tally);
    }

    [Fact]
    public void Score_TwoConceptsOneNamed_IsOneCorrectOneNone()
    {
        // bo: named → correct. mochi: not named, and the only pool concept named (bo) is this row's own truth → none.
        var tally = CaptionMetric.Score("<bo> sleeps next to a cat.", ["<bo>", "<mochi>"], Pool);

        Assert.Equal(new CaptionTally(1, 0, 1), tally);
    }

    [Fact]
    public void Score_WorkedExampleOwnTruthNamed_IsCorrectAndNone()
    {
        // Pool {a, b, c}; ground truth [a, b]; only <a> named → a correct, b none: precision 1/1, recall 1/2.
        var outcomes = CaptionMetric.Classify("A photo of <a> in the park.", ["<a>", "<b>"], ["a", "b", "c"]);
        var tally = CaptionTally.Of(outcomes);

        Assert.Equal([new ConceptOutcome("a", CaptionOutcome.Correct), new ConceptOutcome("b", CaptionOutcome.None)], outcomes);
        Assert.Equal(new CaptionTally(1, 0, 1), tally);
        Assert.Equal(1.0, tally.Precision, 12);
        Assert.Equal(0.5, tally.Recall, 12);
    }

    [Fact]
    public void Score_WorkedExampleOtherPoolConceptNamed_IsCorrectAndMiss()
    {
        // Pool {a, b, c}; ground truth [a, b]; <a> and <c> named → a correct, b miss (c is outside the truth):
        // precision 1/2, recall 1/2.
        var outcomes = CaptionMetric.Classify("A photo of <a> and <c> in the park.", ["<a>", "<b>"], ["a", "b", "c"]);
        var tally = CaptionTally.Of(outcomes);

        Assert.Equal([new ConceptOutcome("a", CaptionOutcome.Correct), new ConceptOutcome("b", CaptionOutcome.Miss)], outcomes);
        Assert.Equal(new CaptionTally(1, 1, 0), tally);
        Assert.Equal(0.5, tally.Precision, 12);
        Assert.Equal(0.5, tally.Recall, 12);
    }

    [Fact]
    public void Score_TwoConceptsOnlyAnOutsiderNamed_IsTwoMisses()
    {
        // kiki is in the pool but not this row's truth, so each unnamed truth concept is a miss.
        var tally = CaptionMetric.Score("<kiki> sleeps on the sofa.", ["<bo>", "<mochi>"], Pool);

        Assert.Equal(new CaptionTally(0, 2, 0), tally);
    }

    [Fact]
    public void Classify_BracketedMixedCaseTruth_GivesBareNamesInOrder()
    {
        var outcomes = CaptionMetric.Classify("Mochi and a cat.", ["<Mochi>", "<BO>"], Pool);

        Assert.Equal([new ConceptOutcome("mochi", CaptionOutcome.Correct), new ConceptOutcome("bo", CaptionOutcome.None)], outcomes);
    }

    [Fact]
    public void Score_TwoConceptsBothNamed_AreBothCorrect()
    {
        var tally = CaptionMetric.Score("<bo> sleeps next to Mochi.</s>", ["<bo>", "<mochi>"], Pool);

        Assert.Equal(new CaptionTally(2, 0, 0), tally);
    }

    [Fact]
    public void Score_FourConceptsThreeNamed_IsThreeCorrectOneNone()
    {
        // The whole pool is this row's truth, so nothing can make lulu a miss.
        var tally = CaptionMetric.Score("<bo>, mochi and (<kiki>) share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool);

        Assert.Equal(new CaptionTally(3, 0, 1), tally);
    }

    [Fact]
    public void Score_FourConceptsNoneNamed_IsFourNone()
    {
        var tally = CaptionMetric.Score("Two dogs and two cats share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool);

        Assert.Equal(new CaptionTally(0, 0, 4), tally);
    }

    [Fact]
    public void Score_SameConceptRepeatedInGroundTruth_CountsEachEntry()
    {
        // RePIC's scripts classify every ground-truth entry of a row, so recall's denominator counts repeats.
        var tally = CaptionMetric.Score("Here <bo> plays.", ["<bo>", "bo", "<BO>"], Pool);

        Assert.Equal(new CaptionTally(3, 0, 0), tally);
    }

    [Fact]
    public void Score_ImagesSummed_GivesHandComputedPrecisionRecallF1()
    {
        CaptionTally[] perImage =
        [
            CaptionMetric.Score("Here <bo> plays on the lawn.", ["<bo>"], Pool), // (1, 0, 0)
            CaptionMetric.Score("Here <mochi> plays on the lawn.", ["<bo>"], Pool), // (0, 1, 0)
            CaptionMetric.Score("Here a dog plays on the lawn.", ["<bo>"], Pool), // (0, 0, 1)
            CaptionMetric.Score("<bo> sleeps next to a cat.", ["<bo>", "<mochi>"], Pool), // (1, 0, 1)
            CaptionMetric.Score("<bo>, mochi and (<kiki>) share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool), // (3, 0, 1)
        ];

        var total = perImage.Aggregate(CaptionTally.Empty, CaptionTally.Add);

        // correct 1+0+0+1+3 = 5, miss 0+1+0+0+0 = 1, none 0+0+1+1+1 = 3, ground truth 9.
        // recall = 5/9; precision = 5/(5+1) = 5/6;
        // F1 = 2·(5/6)·(5/9) / (5/6 + 5/9) = (50/54) / (75/54) = 2/3.
        Assert.Equal(new CaptionTally(5, 1, 3), total);
        Assert.Equal(9, total.GroundTruth);
        Assert.Equal(5.0 / 9.0, total.Recall, 12);
        Assert.Equal(5.0 / 6.0, total.Precision, 12);
        Assert.Equal(2.0 / 3.0, total.F1, 12);
    }

    [Fact]
    public void IdentityReward_ShortCaptionNamingEveryConcept_IsZero()
    {
        // "This is <bo>." names bo but is far under 100 characters: RePIC gives it nothing.
        Assert.Equal(0, CaptionMetric.IdentityReward("This is <bo>.", ["bo"]));
    }

    [Fact]
    public void IdentityReward_LengthBoundary_NinetyNineIsZeroHundredCounts()
    {
        var prefix = "A photo of <bo> ";
        var ninetyNine = prefix + new string('x', 99 - prefix.Length);
        var hundred = prefix + new string('x', 100 - prefix.Length);

        Assert.Equal(99, ninetyNine.Length);
        Assert.Equal(100, hundred.Length);
        Assert.Equal(0, CaptionMetric.IdentityReward(ninetyNine, ["bo"]));
        Assert.Equal(1, CaptionMetric.IdentityReward(hundred, ["bo"]));
    }

    [Fact]
    public void IdentityReward_TwoOfThreeNamed_IsTwoThirds()
    {
        var caption = Long("<bo> and Mochi are on the sofa while a third friend is away.");

        Assert.Equal(2.0 / 3.0, CaptionMetric.IdentityReward(caption, ["<bo>", "<mochi>", "<kiki>"]), 12);
    }

    [Fact]
    public void IdentityReward_NoneNamed_IsZero()
    {
        Assert.Equal(0, CaptionMetric.IdentityReward(Long("A dog and a cat are on the sofa."), ["<bo>", "<mochi>"]));
    }

    [Fact]
    public void IdentityReward_NoConceptsAndLongCaption_IsOne()
    {
        Assert.Equal(1, CaptionMetric.IdentityReward(Long("A sofa in a living room."), []));
    }

    private static string Long(string caption)
    {
        var text = caption;
        while (text.Length < CaptionMetric.MinimumCaptionLength)
        {
            text += " The light is soft and the room is quiet.";
        }

        return text;
    }
}
