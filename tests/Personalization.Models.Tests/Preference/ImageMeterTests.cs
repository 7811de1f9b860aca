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
}
