using Personalization.Core.Preference;

namespace Personalization.Core.Tests.Preference;

public sealed class HeldOutCheckTests
{
    [Fact]
    public void Run_ConsistentDifference_PlacesEveryLeftOutReferenceOnItsSide()
    {
        var check = HeldOutCheck.Run(
            [[0.52f], [0.53f], [0.51f]],
            [[0.47f], [0.48f], [0.46f]]);

        Assert.Equal(1.0, check.Consistency);
        Assert.True(check.Margin > 0.3, $"margin {check.Margin}");
    }

    [Fact]
    public void Run_DifferenceThatIsOnlyTheContent_EarnsNoMargin()
    {
        // The sides' means differ (0.5 against 0.47), but each side spreads over the whole range: leaving any one out
        // moves its side's mean away from it, so it lands on the other side or nowhere.
        var check = HeldOutCheck.Run(
            [[0.1f], [0.9f], [0.5f]],
            [[0.8f], [0.2f], [0.4f]]);

        Assert.Equal(0, check.Margin);
        Assert.True(check.Consistency <= 0.5, $"consistency {check.Consistency}");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    public void Run_FewerThanTwoOnASide_IsRefused(int liked, int disliked)
    {
        Assert.False(HeldOutCheck.CanCheck(liked, disliked));
        Assert.Throws<ArgumentException>(() => HeldOutCheck.Run(
            [.. Enumerable.Repeat(new[] { 1f }, liked)],
            [.. Enumerable.Repeat(new[] { 0f }, disliked)]));
    }
}
