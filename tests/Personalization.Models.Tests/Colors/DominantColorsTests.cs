using Personalization.Models.Colors;

namespace Personalization.Models.Tests.Colors;

public sealed class DominantColorsTests
{
    private static readonly ColorVocabulary Vocabulary = ColorVocabulary.Default;

    [Fact]
    public void Of_TwoColourPatch_NamesBothWithTheirShares()
    {
        // 100×100: the top 70 rows red, the bottom 30 blue.
        var patch = Patch(100, 100, (_, y) => y < 70 ? (220, 20, 30) : (20, 40, 220));

        var colors = DominantColors.Of(patch, Vocabulary);

        Assert.Equal(2, colors.Count);
        Assert.Equal("red", Family(colors[0].Name));
        Assert.Equal("blue", Family(colors[1].Name));
        Assert.Equal(0.7f, colors[0].Fraction, 0.02f);
        Assert.Equal(0.3f, colors[1].Fraction, 0.02f);
        Assert.StartsWith("#", colors[0].Hex, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ColourUnderMinFraction_IsLeftOut()
    {
        // 60 % green, 32 % yellow, 8 % black: black is under the default 12 %.
        var patch = Patch(100, 100, (_, y) => y < 60 ? (0, 160, 0) : y < 92 ? (250, 240, 10) : (0, 0, 0));

        var colors = DominantColors.Of(patch, Vocabulary);

        Assert.Equal(["green", "yellow"], colors.Select(c => Family(c.Name)));
        Assert.Equal(1f, colors.Sum(c => c.Fraction), 0.15f);
    }

    [Fact]
    public void Of_MaxOne_ReturnsOnlyTheLargest()
    {
        var patch = Patch(50, 50, (x, _) => x < 30 ? (255, 255, 255) : (0, 0, 0));

        var colors = DominantColors.Of(patch, Vocabulary, max: 1);

        Assert.Equal("white", Family(Assert.Single(colors).Name));
        Assert.Equal(0.6f, colors[0].Fraction, 0.03f);
    }

    [Fact]
    public void Of_SingleColour_IsAllOfIt()
    {
        var colors = DominantColors.Of(Patch(10, 10, (_, _) => (128, 128, 128)), Vocabulary, step: 1);

        Assert.Equal(1f, Assert.Single(colors).Fraction);
    }

    [Fact]
    public void Of_Empty_IsEmpty()
    {
        Assert.Empty(DominantColors.Of([], Vocabulary));
    }

    private string Family(string name) =>
        Vocabulary.FamilyOf(Enumerable.Range(0, Vocabulary.Count).First(i => Vocabulary.NameOf(i) == name));

    private static byte[] Patch(int width, int height, Func<int, int, (int R, int G, int B)> pixel)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                var p = ((y * width) + x) * 4;
                (rgba[p], rgba[p + 1], rgba[p + 2], rgba[p + 3]) = ((byte)r, (byte)g, (byte)b, 255);
            }
        }

        return rgba;
    }
}
