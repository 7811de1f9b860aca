using Personalization.Models.Colors;
using Personalization.Models.Preference;

namespace Personalization.Models.Tests.Preference;

public sealed class GamutClippingTests
{
    /// <summary>
    /// <paramref name="pixels"/> with their saturation scaled by <paramref name="s"/> about their luma, as the benchmark's
    /// <c>saturation:S</c> style does (Rec. 709 weights, clamped to the gamut).
    /// </summary>
    private static byte[] Saturate(IEnumerable<(int R, int G, int B)> pixels, double s) =>
    [
        .. pixels.SelectMany(p =>
        {
            var l = (0.2126 * p.R) + (0.7152 * p.G) + (0.0722 * p.B);
            byte C(int c) => (byte)Math.Clamp(Math.Round(l + (s * (c - l))), 0, 255);
            return new[] { C(p.R), C(p.G), C(p.B), (byte)255 };
        }),
    ];

    /// <summary>A muted scene (a grey-beige wall) with a tenth of it a vivid red object.</summary>
    private static IEnumerable<(int, int, int)> MutedWithAVividObject() =>
        Enumerable.Range(0, 100).Select(i => i < 10 ? (230, 40, 10) : (140, 130, 120));

    /// <summary>A colourful scene: everything a brick red.</summary>
    private static IEnumerable<(int, int, int)> Colourful() => Enumerable.Repeat((200, 80, 60), 100);

    [Fact]
    public void Measure_RaisedSaturationOfAMutedPhoto_ClipsWhereALoweredOneOfAColourfulPhotoDoesNot()
    {
        var raised = ImageMeter.Measure(Saturate(MutedWithAVividObject(), 1.25), 10, 10, ColorVocabulary.Default);
        var lowered = ImageMeter.Measure(Saturate(Colourful(), 0.75), 10, 10, ColorVocabulary.Default);

        // What the photos show decides the mean saturation: the −25 % colourful photo reads as the more saturated one.
        Assert.True(lowered.Saturation > raised.Saturation, $"saturation {lowered.Saturation} vs {raised.Saturation}");

        // The raised photo's vivid object was pushed past the edge of the gamut and clipped there; the lowered photo
        // keeps every colour away from it.
        Assert.Equal(0.1, raised.Clipping.Low, 3);
        Assert.Equal(0.1, raised.Clipping.High, 3);
        Assert.Equal(GamutClipping.None, lowered.Clipping);
        Assert.True(raised.Clipping.LogShares.Low > lowered.Clipping.LogShares.Low);
    }

    [Fact]
    public void Measure_LoweredSaturation_NeverClipsWhateverThePhotoShows()
    {
        // Even pure primaries keep a quarter of their luma in every channel at −25 %.
        var primaries = Enumerable.Range(0, 60).Select(i => (i % 3) switch { 0 => (255, 0, 0), 1 => (0, 255, 0), _ => (0, 0, 255) });

        var m = ImageMeter.Measure(Saturate(primaries, 0.75), 10, 6, ColorVocabulary.Default);

        Assert.Equal(0, m.Clipping.Low);
    }

    [Fact]
    public void Classify_GreyHighlightOrShadow_IsNotAClippedColour()
    {
        Assert.Equal((false, false), GamutClipping.Classify(min: 250, max: 255, grey: 0.02));
        Assert.Equal((true, false), GamutClipping.Classify(min: 0, max: 120, grey: 1));
        Assert.Equal((true, true), GamutClipping.Classify(min: 2, max: 254, grey: 0.99));
    }
}
