using Personalization.Models.Colors;

namespace Personalization.Models.Tests.Colors;

public sealed class ColorVocabularyTests
{
    private static readonly ColorVocabulary Vocabulary = ColorVocabulary.Default;

    [Fact]
    public void Default_LoadsTheEmbeddedTsv()
    {
        Assert.Equal(198, Vocabulary.Count);
        Assert.Equal(68, ColorVocabulary.Basic.Count);
        Assert.Equal(("black", "#101010", "black"), (Vocabulary.NameOf(0), Vocabulary.HexOf(0), Vocabulary.FamilyOf(0)));
        Assert.All(Enumerable.Range(0, Vocabulary.Count), i => Assert.Matches("^#[0-9A-F]{6}$", Vocabulary.HexOf(i)));
        Assert.Same(Vocabulary, ColorVocabulary.Default);
    }

    [Theory]
    [InlineData(255, 0, 0, "red")]
    [InlineData(200, 10, 20, "red")]
    [InlineData(0, 180, 0, "green")]
    [InlineData(20, 40, 230, "blue")]
    [InlineData(0, 0, 128, "blue")]
    [InlineData(255, 255, 0, "yellow")]
    [InlineData(255, 140, 0, "orange")]
    [InlineData(128, 0, 128, "purple")]
    [InlineData(255, 105, 180, "pink")]
    [InlineData(123, 75, 42, "brown")]
    [InlineData(0, 0, 0, "black")]
    [InlineData(255, 255, 255, "white")]
    [InlineData(128, 128, 128, "grey")]
    public void Nearest_PureColour_IsInTheExpectedFamily(byte r, byte g, byte b, string family)
    {
        var index = Vocabulary.Nearest(r, g, b);

        Assert.Equal(family, Vocabulary.FamilyOf(index));
    }

    [Fact]
    public void Nearest_ExactVocabularyColour_IsItself()
    {
        // Every basic entry's own colour maps back to its family; among all 198 names some neighbours of another
        // family share an 8-level lookup cell (e.g. "dusty rose" and "rosy brown"), but few.
        static List<string> Misses(ColorVocabulary vocabulary) => Enumerable.Range(0, vocabulary.Count)
            .Where(i =>
            {
                var rgb = Convert.ToInt32(vocabulary.HexOf(i)[1..], 16);
                var found = vocabulary.Nearest((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
                return vocabulary.FamilyOf(found) != vocabulary.FamilyOf(i);
            })
            .Select(vocabulary.NameOf)
            .ToList();

        Assert.Empty(Misses(ColorVocabulary.Basic));
        Assert.True(Misses(Vocabulary).Count <= Vocabulary.Count / 10, string.Join(", ", Misses(Vocabulary)));
    }

    [Fact]
    public void Parse_SmallVocabulary_NamesByLabDistance()
    {
        var vocabulary = ColorVocabulary.Parse(new StringReader("# comment\n\nnight\t#000000\tdark\nday\t#FFFFFF\n"));

        Assert.Equal(2, vocabulary.Count);
        Assert.Equal("night", vocabulary.NameOf(vocabulary.Nearest(40, 40, 40)));
        Assert.Equal("day", vocabulary.NameOf(vocabulary.Nearest(200, 200, 200)));
        Assert.Equal("dark", vocabulary.FamilyOf(0));
        Assert.Equal("day", vocabulary.FamilyOf(1)); // no family column: the name is the family
    }

    [Theory]
    [InlineData("red\tFF0000")]
    [InlineData("red\t#FF00")]
    [InlineData("red")]
    public void Parse_BadLine_ThrowsNamingTheLine(string line)
    {
        var e = Assert.Throws<FormatException>(() => ColorVocabulary.Parse(new StringReader(line)));

        Assert.Contains(line, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoEntries_Throws()
    {
        Assert.Throws<FormatException>(() => ColorVocabulary.Parse(new StringReader("# only a comment\n")));
    }

    [Fact]
    public void ToLab_Reference_MatchesCieValues()
    {
        // sRGB white is L* 100, a* = b* = 0; pure red is about (53.2, 80.1, 67.2).
        var white = ColorVocabulary.ToLab(255, 255, 255);
        var red = ColorVocabulary.ToLab(255, 0, 0);

        Assert.Equal(100f, white.L, 0.5f);
        Assert.Equal(0f, white.A, 0.5f);
        Assert.Equal(0f, white.B, 0.5f);
        Assert.Equal(53.2f, red.L, 0.5f);
        Assert.Equal(80.1f, red.A, 0.5f);
        Assert.Equal(67.2f, red.B, 0.5f);
    }
}
