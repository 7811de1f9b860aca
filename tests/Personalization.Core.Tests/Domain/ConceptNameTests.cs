using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Core.Tests.Domain;

public sealed class ConceptNameTests
{
    [Theory]
    [InlineData("bo")]
    [InlineData("Mr.Whiskers")]
    [InlineData("dog_5-a")]
    [InlineData("teapot.v2")]
    [InlineData("Zoë")]
    [InlineData("7")]
    public void Parse_ValidName_KeepsValueAsWritten(string value)
    {
        var name = ConceptName.Parse(value);

        Assert.Equal(value, name.Value);
        Assert.Equal(value.ToLowerInvariant(), name.Key);
        Assert.Equal(value, name.ToString());
    }

    [Fact]
    public void Parse_SixtyFourCharacters_IsAccepted()
    {
        var value = new string('b', ConceptName.MaxLength);

        Assert.Equal(value, ConceptName.Parse(value).Value);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("../x", "must not start with '.'")]
    [InlineData(".bo", "must not start with '.'")]
    [InlineData(" bo", "contains a space")]
    [InlineData("bo ", "contains a space")]
    [InlineData("mr whiskers", "use '_' or '-' instead")]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("bo/..", "'/'")]
    [InlineData("<bo>", "'<'")]
    [InlineData("bo\tdog", "U+0009 (a control character)")]
    [InlineData("bo\r\n", "U+000D (a control character)")]
    [InlineData("bo\0", "U+0000 (a control character)")]
    [InlineData("bo:1", "':'")]
    [InlineData("bo*", "'*'")]
    public void Parse_InvalidName_ThrowsWithReason(string? value, string reason)
    {
        var e = Assert.Throws<InvalidNameException>(() => ConceptName.Parse(value));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(ConceptName.TryParse(value, out _, out var error));
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Parse_SixtyFiveCharacters_IsRejected()
    {
        var e = Assert.Throws<InvalidNameException>(() => ConceptName.Parse(new string('b', ConceptName.MaxLength + 1)));

        Assert.Contains("longer than 64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_IgnoresCase_AndHashAgrees()
    {
        var upper = ConceptName.Parse("Bo");
        var lower = ConceptName.Parse("bo");

        Assert.Equal(upper, lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
        Assert.Single(new HashSet<ConceptName> { upper, lower });
        Assert.NotEqual(ConceptName.Parse("bo"), ConceptName.Parse("bob"));
    }

    [Fact]
    public void Json_RoundTrip_KeepsTheCaseAsWritten()
    {
        var name = ConceptName.Parse("Mr_Whiskers");

        var json = JsonSerializer.Serialize(name);
        var back = JsonSerializer.Deserialize<ConceptName>(json);

        Assert.Equal("\"Mr_Whiskers\"", json);
        Assert.Equal("Mr_Whiskers", back.Value);
    }

    [Fact]
    public void Json_NullableInRecord_RoundTripsBothStates()
    {
        var json = JsonSerializer.Serialize(new Holder(ConceptName.Parse("bo"), null));
        var back = JsonSerializer.Deserialize<Holder>(json)!;

        Assert.Equal(ConceptName.Parse("bo"), back.Found);
        Assert.Null(back.Missing);
    }

    [Fact]
    public void Json_InvalidNameInDocument_IsRejectedOnRead()
    {
        Assert.Throws<InvalidNameException>(() => JsonSerializer.Deserialize<ConceptName>("\"a/b\""));
    }

    // Names that look alike used to be separate concepts: each is now refused with why and the plain spelling.
    [Theory]
    [InlineData("b\u043E", "mixes Latin and Cyrillic letters")] // Latin b, Cyrillic o
    [InlineData("\u0430pple", "mixes Cyrillic and Latin letters")] // Cyrillic a
    [InlineData("b\u03BF", "mixes Latin and Greek letters")] // Greek omicron
    [InlineData("\uFF42\uFF4F", "write it as 'bo'")] // fullwidth
    [InlineData("\uFB01sh", "write it as 'fish'")] // the ligature fi
    [InlineData("\U0001D41B\U0001D428", "write it as 'bo'")] // mathematical bold
    [InlineData("K\u212Aa", "write it as 'KKa'")] // the Kelvin sign
    [InlineData("\uFF8E\uFF9F\uFF81", "write it with plain letters")] // halfwidth katakana
    public void Parse_LookAlikeName_IsRefusedWithThePlainSpelling(string value, string reason)
    {
        var e = Assert.Throws<InvalidNameException>(() => ConceptName.Parse(value));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("\u043A\u043E\u0442")] // кот: one script
    [InlineData("\u03B2\u03BF")] // βο
    [InlineData("\u30DD\u30C1\u72AC")] // ポチ犬: Katakana with Han
    [InlineData("mochi\u72AC")] // Latin with Han
    [InlineData("\uBCF4\uB9AC2")] // 보리2: Hangul with a digit
    [InlineData("\U00020000")] // a Han letter outside the BMP
    public void Parse_NameInOneScriptOrACommonMixture_IsAccepted(string value)
    {
        Assert.Equal(value, ConceptName.Parse(value).Value);
    }

    [Fact]
    public void Parse_DecomposedAccent_IsTheSameNameAsPrecomposed()
    {
        var decomposed = ConceptName.Parse("Zoe\u0308");
        var precomposed = ConceptName.Parse("Zo\u00EB");

        Assert.Equal("Zo\u00EB", decomposed.Value);
        Assert.Equal(precomposed, decomposed);
        Assert.Equal(precomposed.Key, decomposed.Key);
        Assert.Equal("\uBCF4", ConceptName.Parse("\u1107\u1169").Value); // Hangul jamo make the syllable
    }

    [Fact]
    public void Parse_CombiningMarkWithNoLetterToMake_IsRefusedWithWhy()
    {
        var e = Assert.Throws<InvalidNameException>(() => ConceptName.Parse("bo\u0336"));

        Assert.Contains("combining mark U+0336", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_NameStoredUnderEarlierRules_StillLoads()
    {
        var back = JsonSerializer.Deserialize<ConceptName>("\"\uFF42\uFF4F\"");

        Assert.Equal("\uFF42\uFF4F", back.Value);
        Assert.Throws<InvalidNameException>(() => JsonSerializer.Deserialize<ConceptName>("\"bo\\u0000\""));
    }

    private sealed record Holder(ConceptName? Found, ConceptName? Missing);
}
