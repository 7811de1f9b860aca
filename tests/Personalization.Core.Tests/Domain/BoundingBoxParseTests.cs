using Personalization.Core.Domain;

namespace Personalization.Core.Tests.Domain;

public sealed class BoundingBoxParseTests
{
    [Fact]
    public void TryParse_FourNumbers_IsTheBox()
    {
        Assert.True(BoundingBox.TryParse(" 10, 20.5,30 ,40 ", out var box, out _));
        Assert.Equal(new BoundingBox(10, 20.5f, 30, 40), box);
    }

    [Theory]
    [InlineData(null, "not x,y,width,height")]
    [InlineData("", "not x,y,width,height")]
    [InlineData("1,2,3", "not x,y,width,height")]
    [InlineData("1,2,3,4,5", "not x,y,width,height")]
    [InlineData("a,2,3,4", "not a number")]
    [InlineData("1,2,NaN,4", "not a number")]
    [InlineData("1,2,0,4", "zero or negative size")]
    [InlineData("1,2,5,-4", "zero or negative size")]
    public void TryParse_Bad_IsOneLineReason(string? text, string reason)
    {
        Assert.False(BoundingBox.TryParse(text, out var box, out var error));
        Assert.Null(box);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
