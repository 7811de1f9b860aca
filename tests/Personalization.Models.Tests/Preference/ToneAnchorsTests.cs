using Personalization.Models.Preference;

namespace Personalization.Models.Tests.Preference;

public sealed class ToneAnchorsTests
{
    private static int[] Histogram(params (int Value, int Count)[] bins)
    {
        var h = new int[256];
        foreach (var (value, count) in bins)
        {
            h[value] += count;
        }

        return h;
    }

    [Fact]
    public void FromHistograms_IgnoresTheOutermostHalfPercent()
    {
        // 1000 pixels: 4 stray pixels at 0 and at 255 (under 0.5 %) do not move the anchors; the rest sit at 30 and 220.
        var channel = Histogram((0, 4), (30, 496), (220, 496), (255, 4));

        var anchors = ToneAnchors.FromHistograms(channel, channel, channel, 1000);

        Assert.Equal([30 / 255f, 30 / 255f, 30 / 255f], anchors.Black);
        Assert.Equal([220 / 255f, 220 / 255f, 220 / 255f], anchors.White);
        Assert.Equal(30 / 255.0, anchors.BlackLift, 4);
        Assert.Equal(1 - (220 / 255.0), anchors.WhiteDrop, 4);
    }

    [Fact]
    public void Tint_OfACoolAnchor_IsBlueAgainstRedAndNeutralIsZero()
    {
        var (redBlue, green) = ToneAnchors.Tint([0.0f, 0.075f, 0.075f]);

        Assert.Equal(-0.075, redBlue, 4);
        Assert.Equal(0.0375, green, 4);
        Assert.Equal((0.0, 0.0), ToneAnchors.Tint([0.5f, 0.5f, 0.5f]));
    }

    [Fact]
    public void FromHistograms_NoPixels_IsNeutral() =>
        Assert.Same(ToneAnchors.Neutral, ToneAnchors.FromHistograms(new int[256], new int[256], new int[256], 0));
}
