using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class TopKTests
{
    [Fact]
    public void Best_MoreOffersThanK_KeepsTheKHighestBestFirst()
    {
        var top = new TopK(3);
        float[] scores = [0.1f, 0.9f, -0.5f, 0.7f, 0.3f, 0.8f];
        for (var i = 0; i < scores.Length; i++)
        {
            top.Offer(i, scores[i]);
        }

        Assert.Equal([(1, 0.9f), (5, 0.8f), (3, 0.7f)], top.Best());
    }

    [Fact]
    public void Best_FewerOffersThanK_ReturnsAllSorted()
    {
        var top = new TopK(10);
        top.Offer(0, -0.2f);
        top.Offer(1, 0.4f);

        Assert.Equal([(1, 0.4f), (0, -0.2f)], top.Best());
    }

    [Fact]
    public void Best_TiesAtTheCut_KeepTheEarlierIndex()
    {
        var top = new TopK(2);
        top.Offer(0, 0.5f);
        top.Offer(1, 0.9f);
        top.Offer(2, 0.5f);
        top.Offer(3, 0.5f);

        Assert.Equal([(1, 0.9f), (0, 0.5f)], top.Best());
    }

    [Fact]
    public void Best_EqualScores_AreOrderedByIndex()
    {
        var top = new TopK(3);
        top.Offer(4, 0.5f);
        top.Offer(2, 0.5f);
        top.Offer(9, 0.5f);

        Assert.Equal([2, 4, 9], top.Best().Select(x => x.Index));
    }

    [Fact]
    public void Best_WorseThanEverythingKept_IsDropped()
    {
        var top = new TopK(2);
        top.Offer(0, 0.8f);
        top.Offer(1, 0.7f);
        top.Offer(2, 0.1f);

        Assert.Equal([0, 1], top.Best().Select(x => x.Index));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Best_KNotPositive_IsEmpty(int k)
    {
        var top = new TopK(k);
        top.Offer(0, 1f);

        Assert.Empty(top.Best());
    }
}
