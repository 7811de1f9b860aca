using Personalization.Core.Domain;
using Personalization.Core.Feedback;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Feedback;

/// <summary>Which concept and box a recognition result stands for, as <c>confirm</c>, <c>reject</c> and the HTTP API read it.</summary>
public sealed class FeedbackTargetTests
{
    private static readonly OwnerId Alice = OwnerId.Parse("alice");
    private static readonly BoundingBox BoBox = new(10, 20, 100, 80);
    private static readonly BoundingBox MochiBox = new(200, 20, 60, 60);

    private static readonly ResultDocument Result = new(
        "photos/park.jpg", "alice", "abc123", 640, 480, "bo", 0.8f, DecisionStages.Verification, BoBox, "<bo> in the park",
        new DecisionTrace([], null, null, null, "because"), [], [], AlsoPresent: [new RecognizedRef(ConceptName.Parse("mochi"), MochiBox, 0.7f)]);

    [Fact]
    public void TryFromResult_NoName_IsTheAnswerWithItsBoxAndTheResultsHash()
    {
        Assert.True(FeedbackTarget.TryFromResult(Result, Alice, null, null, out var target, out _));

        Assert.Equal(new FeedbackTarget("photos/park.jpg", ConceptName.Parse("bo"), BoBox, "abc123", Drawn: false), target);
    }

    [Fact]
    public void TryFromResult_NameAlsoPresent_TakesThatConceptsBox()
    {
        Assert.True(FeedbackTarget.TryFromResult(Result, Alice, ConceptName.Parse("MOCHI"), null, out var target, out _));

        Assert.Equal(MochiBox, target.Box);
        Assert.Equal("MOCHI", target.Concept.Value);
    }

    [Fact]
    public void TryFromResult_NameOfAnotherConcept_TakesTheAnswersRegion_AndABoxOverridesIt()
    {
        var box = new BoundingBox(1, 2, 30, 40);

        Assert.True(FeedbackTarget.TryFromResult(Result, Alice, ConceptName.Parse("rex"), null, out var other, out _));
        Assert.True(FeedbackTarget.TryFromResult(Result, Alice, ConceptName.Parse("mochi"), box, out var drawn, out _));

        Assert.Equal((BoBox, false), (other.Box, other.Drawn));
        Assert.Equal((box, true), (drawn.Box, drawn.Drawn));
    }

    [Fact]
    public void TryFromResult_AnotherOwnersResult_IsRefused()
    {
        Assert.False(FeedbackTarget.TryFromResult(Result with { Owner = "bob" }, Alice, null, null, out var target, out var error));

        Assert.Null(target);
        Assert.Equal("the result belongs to another owner ('bob'), not 'alice'", error);
    }

    [Fact]
    public void TryFromResult_NoConceptFound_NeedsANameAndABox()
    {
        var none = Result with { Concept = null, Box = null, AlsoPresent = null };

        Assert.False(FeedbackTarget.TryFromResult(none, Alice, null, null, out _, out var noName));
        Assert.False(FeedbackTarget.TryFromResult(none, Alice, ConceptName.Parse("bo"), null, out _, out var noBox));
        Assert.True(FeedbackTarget.TryFromResult(none, Alice, ConceptName.Parse("bo"), BoBox, out _, out _));

        Assert.Contains("found none of the owner's concepts", noName, StringComparison.Ordinal);
        Assert.Contains("has no box for <bo>", noBox, StringComparison.Ordinal);
    }
}
