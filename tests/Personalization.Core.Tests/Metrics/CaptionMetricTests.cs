using Personalization.Core.Metrics;

namespace Personalization.Core.Tests.Metrics;

/// <summary>RePIC's caption metric and identity reward, checked against cases worked out by hand from docs/method.md §3.</summary>
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
    public void Score_TwoConceptsOneNamed_IsOneCorrectOneMiss()
    {
        // bo: named → correct. mochi: not named, but bo (another pool concept) is → miss.
        var tally = CaptionMetric.Score("<bo> sleeps next to a cat.", ["<bo>", "<mochi>"], Pool);

        Assert.Equal(new CaptionTally(1, 1, 0), tally);
    }

    [Fact]
    public void Score_TwoConceptsBothNamed_AreBothCorrect()
    {
        var tally = CaptionMetric.Score("<bo> sleeps next to Mochi.</s>", ["<bo>", "<mochi>"], Pool);

        Assert.Equal(new CaptionTally(2, 0, 0), tally);
    }

    [Fact]
    public void Score_FourConceptsThreeNamed_IsThreeCorrectOneMiss()
    {
        var tally = CaptionMetric.Score("<bo>, mochi and (<kiki>) share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool);

        Assert.Equal(new CaptionTally(3, 1, 0), tally);
    }

    [Fact]
    public void Score_FourConceptsNoneNamed_IsFourNone()
    {
        var tally = CaptionMetric.Score("Two dogs and two cats share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool);

        Assert.Equal(new CaptionTally(0, 0, 4), tally);
    }

    [Fact]
    public void Score_SameConceptTwiceInGroundTruth_CountsOnce()
    {
        var tally = CaptionMetric.Score("Here <bo> plays.", ["<bo>", "bo", "<BO>"], Pool);

        Assert.Equal(new CaptionTally(1, 0, 0), tally);
    }

    [Fact]
    public void Score_ImagesSummed_GivesHandComputedPrecisionRecallF1()
    {
        CaptionTally[] perImage =
        [
            CaptionMetric.Score("Here <bo> plays on the lawn.", ["<bo>"], Pool), // (1, 0, 0)
            CaptionMetric.Score("Here <mochi> plays on the lawn.", ["<bo>"], Pool), // (0, 1, 0)
            CaptionMetric.Score("Here a dog plays on the lawn.", ["<bo>"], Pool), // (0, 0, 1)
            CaptionMetric.Score("<bo> sleeps next to a cat.", ["<bo>", "<mochi>"], Pool), // (1, 1, 0)
            CaptionMetric.Score("<bo>, mochi and (<kiki>) share a sofa.", ["<bo>", "<mochi>", "<kiki>", "<lulu>"], Pool), // (3, 1, 0)
        ];

        var total = perImage.Aggregate(CaptionTally.Empty, CaptionTally.Add);

        // correct 1+0+0+1+3 = 5, miss 0+1+0+1+1 = 3, none 0+0+1+0+0 = 1, ground truth 9.
        // recall = 5/9; precision = 5/(5+3) = 5/8;
        // F1 = 2·(5/8)·(5/9) / (5/8 + 5/9) = (50/72) / (85/72) = 10/17 ≈ 0.588235.
        Assert.Equal(new CaptionTally(5, 3, 1), total);
        Assert.Equal(9, total.GroundTruth);
        Assert.Equal(5.0 / 9.0, total.Recall, 12);
        Assert.Equal(5.0 / 8.0, total.Precision, 12);
        Assert.Equal(10.0 / 17.0, total.F1, 12);
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
