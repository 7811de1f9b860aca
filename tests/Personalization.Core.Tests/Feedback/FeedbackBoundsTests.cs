using Personalization.Core.Domain;
using Personalization.Core.Feedback;

namespace Personalization.Core.Tests.Feedback;

/// <summary>The bounds on a concept's feedback, on 2-d vectors worked out by hand.</summary>
public sealed class FeedbackBoundsTests
{
    private static readonly BoundingBox Whole = new(0, 0, 100, 100);

    [Fact]
    public void KeepMostDiverse_OverTheBound_DropsTheConfirmedReferenceMostLikeAnother()
    {
        // e: enrolled (1, 0); c1 (0.8, 0.6); c2 (0, 1); c3 (0.707, 0.707). c1 and c3 are each other's nearest (0.990),
        // the tie broken by the mean similarity to the others: c1 (0.8 + 0.6 + 0.990) / 3 = 0.797 < c3 (0.707 + 0.707 +
        // 0.990) / 3 = 0.801, so c3 goes though it came last.
        var e = Reference("e", ReferenceOrigins.Enrolled, 1, 0);
        var c1 = Reference("c1", ReferenceOrigins.Confirmed, 0.8f, 0.6f);
        var c2 = Reference("c2", ReferenceOrigins.Confirmed, 0, 1);
        var c3 = Reference("c3", ReferenceOrigins.Confirmed, MathF.Sqrt(0.5f), MathF.Sqrt(0.5f));

        var kept = FeedbackBounds.KeepMostDiverse([e, c1, c2, c3], 3, out var dropped);

        Assert.Equal(["e", "c1", "c2"], kept.Select(r => r.ContentHash));
        Assert.Equal("c3", Assert.Single(dropped).ContentHash);
    }

    [Fact]
    public void KeepMostDiverse_EnrolledDuplicate_IsNeverDropped()
    {
        // e2 is e exactly, but both were enrolled: the confirmed c, though less alike, is the one that goes.
        var e1 = Reference("e1", ReferenceOrigins.Enrolled, 1, 0);
        var e2 = Reference("e2", null, 1, 0);
        var c = Reference("c", ReferenceOrigins.Confirmed, 0, 1);

        var kept = FeedbackBounds.KeepMostDiverse([e1, e2, c], 2, out var dropped);

        Assert.Equal(["e1", "e2"], kept.Select(r => r.ContentHash));
        Assert.Equal("c", Assert.Single(dropped).ContentHash);
    }

    [Fact]
    public void KeepMostDiverse_OnlyEnrolledOverTheBound_KeepsThemAll()
    {
        var kept = FeedbackBounds.KeepMostDiverse([Reference("a", ReferenceOrigins.Enrolled, 1, 0), Reference("b", ReferenceOrigins.Enrolled, 0, 1)], 1, out var dropped);

        Assert.Equal(2, kept.Count);
        Assert.Empty(dropped);
    }

    [Fact]
    public void KeepMostDiverse_WithinTheBound_ChangesNothing()
    {
        List<ConceptReference> references = [Reference("e", ReferenceOrigins.Enrolled, 1, 0), Reference("c", ReferenceOrigins.Confirmed, 1, 0)];

        Assert.Equal(references, FeedbackBounds.KeepMostDiverse(references, 2, out var dropped));
        Assert.Empty(dropped);
    }

    [Fact]
    public void KeepNewest_OverTheBound_DropsTheOldestAndKeepsTheStoredOrder()
    {
        var t = DateTimeOffset.UnixEpoch;
        HardNegative[] negatives = [Negative("b", t.AddMinutes(2)), Negative("a", t.AddMinutes(1)), Negative("c", t.AddMinutes(3))];

        var kept = FeedbackBounds.KeepNewest(negatives, 2, out var dropped);

        Assert.Equal(["b", "c"], kept.Select(n => n.ContentHash));
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void KeepNewest_OneRejectionsNegatives_KeepsTheRegionBeforeItsViews()
    {
        var t = DateTimeOffset.UnixEpoch;
        HardNegative[] negatives = [Negative("old", t), Negative("region", t.AddMinutes(1)), Negative("view", t.AddMinutes(1))];

        Assert.Equal(["region"], FeedbackBounds.KeepNewest(negatives, 1, out _).Select(n => n.ContentHash));
    }

    [Theory]
    [InlineData(0, 0, 100, 100, true)] // the whole photo shows every region in it
    [InlineData(20, 20, 40, 40, true)] // the region itself
    [InlineData(40, 20, 40, 40, true)] // half of it
    [InlineData(45, 20, 40, 40, false)] // under half
    [InlineData(70, 70, 30, 30, false)] // elsewhere
    public void Shows_ViewHoldingHalfTheRegion_Counts(float x, float y, float w, float h, bool expected) =>
        Assert.Equal(expected, FeedbackBounds.Shows(new BoundingBox(x, y, w, h), new BoundingBox(20, 20, 40, 40)));

    private static ConceptReference Reference(string hash, string? origin, float x, float y) =>
        new(hash, hash + ".jpg", 100, 100, [new ReferenceRegion(Whole, "focus", null, new[] { x, y }, new[] { 1f, 0f })], new ReferenceFocus(Whole, ReferenceFocus.User, null), null, origin);

    private static HardNegative Negative(string hash, DateTimeOffset at) => new(hash, Whole, new[] { 1f, 0f }, null, at);
}
