using Personalization.Core.Domain;
using Personalization.Core.Metrics;

namespace Personalization.Core.Tests.Metrics;

public sealed class LocalizationScoresTests
{
    private static readonly BoundingBox Truth = new(0, 0, 100, 100);

    [Fact]
    public void Of_ExactBoxNoBoxAndAHalfShiftedBox_RewardsOnlyIouOfAtLeastAHalf()
    {
        // Shifted by half its width: IoU 5000 / 15000 = 1/3, under the reward's ½.
        var scores = LocalizationScores.Of([(Truth, Truth), (null, Truth), (new BoundingBox(50, 0, 100, 100), Truth)]);

        Assert.NotNull(scores);
        Assert.Equal(3, scores.Answers);
        Assert.Equal(0.333, scores.Reward, 3);
        Assert.Equal(0.444, scores.MeanIou, 3);
    }

    [Fact]
    public void Of_ABoxOverlappingTwoThirds_IsRewarded_NoAnswers_IsNull()
    {
        // Shifted by a fifth: IoU 8000 / 12000 = 2/3.
        var scores = LocalizationScores.Of([(new BoundingBox(20, 0, 100, 100), Truth)]);

        Assert.Equal(1.0, scores!.Reward);
        Assert.Equal(0.667, scores.MeanIou, 3);
        Assert.Null(LocalizationScores.Of([]));
    }
}
