using Personalization.Core.Domain;

namespace Personalization.Core.Tests.Domain;

public sealed class BoundingBoxTests
{
    [Fact]
    public void IntersectionOverUnion_SameBox_IsOne()
    {
        var box = new BoundingBox(10, 20, 30, 40);

        Assert.Equal(1f, box.IntersectionOverUnion(box with { }), 6);
    }

    [Fact]
    public void IntersectionOverUnion_HalfShifted_IsOneThird()
    {
        // Overlap 5×10 = 50; union 100 + 100 − 50 = 150.
        var a = new BoundingBox(0, 0, 10, 10);
        var b = new BoundingBox(5, 0, 10, 10);

        Assert.Equal(1f / 3f, a.IntersectionOverUnion(b), 6);
        Assert.Equal(a.IntersectionOverUnion(b), b.IntersectionOverUnion(a));
    }

    [Fact]
    public void IntersectionOverUnion_Contained_IsAreaRatio()
    {
        // Inner 5×5 = 25 inside 10×10 = 100: 25 / 100.
        var outer = new BoundingBox(0, 0, 10, 10);
        var inner = new BoundingBox(2, 2, 5, 5);

        Assert.Equal(0.25f, outer.IntersectionOverUnion(inner), 6);
    }

    [Fact]
    public void IntersectionOverUnion_CornerOverlap_IsHandComputed()
    {
        // a = [0,4]×[0,4], b = [2,6]×[3,7]: overlap 2×1 = 2; union 16 + 16 − 2 = 30.
        var a = new BoundingBox(0, 0, 4, 4);
        var b = new BoundingBox(2, 3, 4, 4);

        Assert.Equal(2f / 30f, a.IntersectionOverUnion(b), 6);
    }

    [Theory]
    [InlineData(20, 0)] // far apart
    [InlineData(10, 0)] // touching edges share no area
    public void IntersectionOverUnion_Disjoint_IsZero(float x, float y)
    {
        var a = new BoundingBox(0, 0, 10, 10);
        var b = new BoundingBox(x, y, 10, 10);

        Assert.Equal(0f, a.IntersectionOverUnion(b));
    }

    [Fact]
    public void IntersectionOverUnion_EmptyBoxes_IsZeroNotNaN()
    {
        var a = new BoundingBox(5, 5, 0, 0);

        Assert.Equal(0f, a.IntersectionOverUnion(a));
    }

    [Fact]
    public void Area_NegativeSize_IsZero()
    {
        Assert.Equal(0f, new BoundingBox(0, 0, -3, 4).Area);
        Assert.Equal(12f, new BoundingBox(0, 0, 3, 4).Area);
    }
}
