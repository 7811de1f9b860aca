using Personalization.Models.Colors;
using Personalization.Models.Preference;

namespace Personalization.Models.Tests.Preference;

public sealed class ImageMeterTests
{
    private static byte[] Solid(int w, int h, byte r, byte g, byte b) =>
        [.. Enumerable.Range(0, w * h).SelectMany(_ => new[] { r, g, b, (byte)255 })];

    [Fact]
    public void Measure_SolidGrey_HasNoSaturationChromaOrEdges()
    {
        var m = ImageMeter.Measure(Solid(32, 32, 128, 128, 128), 32, 32, ColorVocabulary.Default);

        Assert.Equal(0, m.Saturation, 3);
        Assert.Equal(0, m.Chroma, 3);
        Assert.Equal(0, m.Contrast, 3);
        Assert.Equal(0, m.EdgeShare, 3);
        Assert.Equal(0, m.Warmth, 3);
        Assert.Equal(128 / 255.0, m.Brightness, 2);
        Assert.Equal(1, m.LumaLevels);
        Assert.Equal("grey", ColorVocabulary.Default.FamilyOf(ColorVocabulary.Default.Nearest(128, 128, 128)));
    }

    [Fact]
    public void Measure_PureRed_IsFullySaturatedWarmAndRedFamily()
    {
        var m = ImageMeter.Measure(Solid(16, 16, 255, 0, 0), 16, 16, ColorVocabulary.Default);

        Assert.Equal(1, m.Saturation, 3);
        Assert.Equal(1, m.Warmth, 3);
        Assert.Equal(1, m.Chroma, 3);
        var red = ImageMeasurements.Families.ToList().IndexOf("red");
        Assert.Equal(1f, m.FamilyShares[red], 3);
    }

    [Fact]
    public void Measure_HalfBlackHalfWhite_HasContrastOneHalfAndAnEdgeColumn()
    {
        const int w = 20, h = 10;
        var pixels = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var v = (byte)(x < w / 2 ? 0 : 255);
                pixels[((y * w) + x) * 4] = v;
                pixels[((y * w) + x) * 4 + 1] = v;
                pixels[((y * w) + x) * 4 + 2] = v;
                pixels[((y * w) + x) * 4 + 3] = 255;
            }
        }

        var m = ImageMeter.Measure(pixels, w, h, ColorVocabulary.Default);

        // Luma is 0 for half the pixels and 255 for the other half: mean 127.5, deviation 127.5 → 0.5 of full scale.
        Assert.Equal(0.5, m.Contrast, 3);
        Assert.Equal(2, m.LumaLevels);

        // Inner columns 9 and 10 straddle the step: 2 of the 18 inner columns carry strong edges.
        Assert.Equal(2 / 18.0, m.EdgeShare, 3);
    }

    [Fact]
    public void Measure_SepiaTone_CountsAsSepia()
    {
        var m = ImageMeter.Measure(Solid(8, 8, 170, 130, 90), 8, 8, ColorVocabulary.Default);
        Assert.Equal(1, m.SepiaShare, 3);
    }

    [Fact]
    public void Measure_TwoFlatColours_ColourfulnessFollowsHaslerSuesstrunk()
    {
        // Half pure red (rg = 255, yb = 127.5), half pure green (rg = −255, yb = 127.5):
        // σ_rg = 255, σ_yb = 0, μ_rg = 0, μ_yb = 127.5 → C = sqrt(255²) + 0.3 · 127.5 = 293.25; reported / 100.
        var pixels = Solid(8, 4, 255, 0, 0).Concat(Solid(8, 4, 0, 255, 0)).ToArray();

        var m = ImageMeter.Measure(pixels, 8, 8, ColorVocabulary.Default);

        Assert.Equal(2.9325, m.Colorfulness, 3);
        Assert.Equal(1, m.Saturation, 3);
        Assert.Equal(2, m.Palette.Count);
        Assert.All(m.Palette, p => Assert.Equal(0.5f, p.Fraction, 3));
    }

    [Fact]
    public void Measure_FourLevelPosterisedRamp_IsPosterisedAndASmoothRampIsNot()
    {
        const int w = 256, h = 4;
        byte[] Ramp(Func<int, byte> value) => [.. Enumerable.Range(0, w * h).SelectMany(i => { var v = value(i % w); return new[] { v, v, v, (byte)255 }; })];

        var smooth = ImageMeter.Measure(Ramp(x => (byte)x), w, h, ColorVocabulary.Default);
        var posterised = ImageMeter.Measure(Ramp(x => (byte)(x / 64 * 85)), w, h, ColorVocabulary.Default);

        // Every channel value of the posterised ramp sits on one of 4 evenly spaced levels: share 1 against an
        // expected 4·13/256 for a smooth image → (1 − 0.203) / (1 − 0.203) = 1.
        Assert.Equal(1, posterised.Posterization, 3);
        Assert.True(smooth.Posterization < 0.05, $"{smooth.Posterization}");
    }

    private static byte[] Columns(int w, int h, Func<int, byte> value) =>
        [.. Enumerable.Range(0, w * h).SelectMany(i => { var v = value(i % w); return new[] { v, v, v, (byte)255 }; })];

    [Fact]
    public void Measure_BlurredEdge_HasLowerAcutanceThanASharpOne()
    {
        const int w = 32, h = 8;

        // A sharp step: the Laplacian and the central difference are both 255 on the two columns beside it → 1.
        var sharp = ImageMeter.Measure(Columns(w, h, x => (byte)(x < w / 2 ? 0 : 255)), w, h, ColorVocabulary.Default);

        // The same step spread over a linear ramp of 8 columns: the gradient is there all along the ramp, the
        // Laplacian only where it starts and ends.
        var blurred = ImageMeter.Measure(Columns(w, h, x => (byte)Math.Clamp((x - 12) * 32, 0, 255)), w, h, ColorVocabulary.Default);

        Assert.Equal(1, sharp.Acutance, 3);
        Assert.True(blurred.Acutance < 0.5, $"{blurred.Acutance}");
        Assert.Equal(0, ImageMeter.Measure(Solid(8, 8, 90, 90, 90), 8, 8, ColorVocabulary.Default).Acutance);
    }

    [Fact]
    public void Measure_GamutReach_IsFullAtAZeroChannelAndLowerForDesaturatedColours()
    {
        // Pure red has its darkest channel at 0: at the gamut's edge. (200, 120, 120) keeps 120 of 144 luma in every
        // channel: 1 − 120/143.9 ≈ 0.17. Grey is 0.
        var red = ImageMeter.Measure(Solid(8, 8, 255, 0, 0), 8, 8, ColorVocabulary.Default);
        var dusty = ImageMeter.Measure(Solid(8, 8, 200, 120, 120), 8, 8, ColorVocabulary.Default);
        var grey = ImageMeter.Measure(Solid(8, 8, 128, 128, 128), 8, 8, ColorVocabulary.Default);

        Assert.Equal(1, red.GamutReach, 3);
        Assert.Equal(0.17, dusty.GamutReach, 2);
        Assert.Equal(0, grey.GamutReach, 3);
    }

    [Fact]
    public void Measure_ToneAnchors_AreTheDarkestAndBrightestValuesPerChannel()
    {
        // Half black, half white, every pixel blended 15 % toward teal (0, 128, 128): the blacks are lifted to
        // (0, 19, 19), the whites pulled to (217, 236, 236).
        var pixels = Solid(8, 4, 0, 19, 19).Concat(Solid(8, 4, 217, 236, 236)).ToArray();

        var m = ImageMeter.Measure(pixels, 8, 8, ColorVocabulary.Default);

        Assert.Equal([0f, 19 / 255f, 19 / 255f], m.Tones.Black);
        Assert.Equal([217 / 255f, 236 / 255f, 236 / 255f], m.Tones.White);
    }
}
