using Personalization.Core.Domain;
using Personalization.Models.Detection;

namespace Personalization.Models.Tests.Detection;

public sealed class NonMaximumSuppressionTests
{
    [Fact]
    public void ClassAware_OverlappingSameClass_KeepsTheBest()
    {
        var best = Box(0, 0, 100, 100, classId: 16, score: 0.9f);
        var shifted = Box(10, 0, 100, 100, classId: 16, score: 0.8f); // IoU 90·100 / (2·10000 − 9000) ≈ 0.82

        var kept = NonMaximumSuppression.ClassAware([shifted, best], 0.45f);

        Assert.Same(best, Assert.Single(kept));
    }

    [Fact]
    public void ClassAware_OverlappingOtherClass_KeepsBoth()
    {
        var dog = Box(0, 0, 100, 100, classId: 16, score: 0.9f);
        var cat = Box(5, 5, 100, 100, classId: 15, score: 0.4f);

        var kept = NonMaximumSuppression.ClassAware([cat, dog], 0.45f);

        Assert.Equal([dog, cat], kept);
    }

    [Fact]
    public void ClassAware_OverlapAtOrBelowThreshold_IsKept()
    {
        // a = [0,100]², b = [50,150]×[0,100]: IoU 5000 / 15000 = 1/3.
        var a = Box(0, 0, 100, 100, classId: 0, score: 0.9f);
        var b = Box(50, 0, 100, 100, classId: 0, score: 0.5f);

        Assert.Equal(2, NonMaximumSuppression.ClassAware([a, b], 0.4f).Count);
        Assert.Single(NonMaximumSuppression.ClassAware([a, b], 0.3f));
    }

    [Fact]
    public void ClassAware_Chain_SuppressesOnlyAgainstKeptBoxes()
    {
        // b overlaps a heavily and is dropped; c overlaps b but not a, so it stays.
        var a = Box(0, 0, 100, 100, classId: 0, score: 0.9f);
        var b = Box(30, 0, 100, 100, classId: 0, score: 0.8f);
        var c = Box(90, 0, 100, 100, classId: 0, score: 0.7f);

        var kept = NonMaximumSuppression.ClassAware([c, b, a], 0.45f);

        Assert.Equal([a, c], kept);
    }

    [Fact]
    public void ClassAware_ManyClasses_SortsAllByScore()
    {
        var kept = NonMaximumSuppression.ClassAware(
            [Box(0, 0, 10, 10, 1, 0.2f), Box(50, 50, 10, 10, 2, 0.9f), Box(100, 100, 10, 10, 1, 0.5f)],
            0.45f);

        Assert.Equal([0.9f, 0.5f, 0.2f], kept.Select(d => d.Score));
    }

    [Fact]
    public void ClassAware_Nothing_IsEmpty()
    {
        Assert.Empty(NonMaximumSuppression.ClassAware([], 0.45f));
    }

    private static Core.Domain.Detection Box(float x, float y, float w, float h, int classId, float score) =>
        new(new BoundingBox(x, y, w, h), classId, $"class {classId}", 1f, score);
}
