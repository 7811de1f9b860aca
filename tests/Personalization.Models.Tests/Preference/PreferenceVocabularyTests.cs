using Personalization.Core.Preference;
using Personalization.Models.Preference;

namespace Personalization.Models.Tests.Preference;

public sealed class PreferenceVocabularyTests
{
    [Fact]
    public void Default_LoadsHundredsOfTermsInEveryDimension()
    {
        var vocabulary = PreferenceVocabulary.Default;

        Assert.True(vocabulary.Count >= 300, $"{vocabulary.Count} terms");
        foreach (var dimension in Enum.GetValues<PreferenceDimension>())
        {
            Assert.True(vocabulary.Terms[dimension].Count >= 20, $"{dimension}: {vocabulary.Terms[dimension].Count}");
        }

        Assert.Contains(vocabulary.Terms[PreferenceDimension.Color], t => t.Term == "blush pink");
        Assert.Contains(vocabulary.Terms[PreferenceDimension.Color], t => t.Term == "electric lime");
    }

    [Theory]
    [InlineData(PreferenceDimension.Saturation, 0.0, "greyscale")]
    [InlineData(PreferenceDimension.Saturation, 0.3, "soft")]
    [InlineData(PreferenceDimension.Saturation, 0.9, "oversaturated")]
    [InlineData(PreferenceDimension.Detail, 0.01, "very soft focus")]
    [InlineData(PreferenceDimension.Detail, 0.5, "hyper-detailed")]
    public void ForValue_RangesCoverTheScale(PreferenceDimension dimension, double value, string expected) =>
        Assert.Equal(expected, PreferenceVocabulary.Default.ForValue(dimension, value));

    [Fact]
    public void Parse_UnknownDimension_FailsWithTheLine()
    {
        var e = Assert.Throws<FormatException>(() => PreferenceVocabulary.Parse(new StringReader("texture\trough\t\n"), Personalization.Models.Colors.ColorVocabulary.Default));
        Assert.Contains("unknown dimension 'texture'", e.Message, StringComparison.Ordinal);
    }
}
