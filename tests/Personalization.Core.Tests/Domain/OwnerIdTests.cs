using System.Text.Json;
using Personalization.Core.Domain;

namespace Personalization.Core.Tests.Domain;

public sealed class OwnerIdTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("A")]
    [InlineData("user-1_a.b@example.com")]
    [InlineData("a..b")]
    public void Parse_ValidId_KeepsValue(string value)
    {
        Assert.Equal(value, OwnerId.Parse(value).Value);
        Assert.True(OwnerId.TryParse(value, out var id, out var error));
        Assert.Equal(value, id.ToString());
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Parse_SixtyFourCharacters_IsAccepted()
    {
        var value = new string('a', OwnerId.MaxLength);

        Assert.Equal(value, OwnerId.Parse(value).Value);
    }

    [Fact]
    public void Parse_SixtyFiveCharacters_IsRejected()
    {
        var e = Assert.Throws<InvalidNameException>(() => OwnerId.Parse(new string('a', OwnerId.MaxLength + 1)));

        Assert.Contains("longer than 64", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("../x", "start with '.'")]
    [InlineData(".hidden", "start with '.'")]
    [InlineData("..", "start with '.'")]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("x/../y", "'/'")]
    [InlineData("a b", "' '")]
    [InlineData("a:b", "':'")]
    [InlineData("a\nb", "U+000A (a control character)")]
    [InlineData("a\0b", "U+0000 (a control character)")]
    [InlineData("a\u007fb", "U+007F (a control character)")]
    [InlineData("zoë", "'ë'")]
    [InlineData("a'b", "'''")]
    public void Parse_InvalidId_ThrowsWithReason(string? value, string reason)
    {
        var e = Assert.Throws<InvalidNameException>(() => OwnerId.Parse(value));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(OwnerId.TryParse(value, out var id, out var error));
        Assert.Equal(default, id);
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Equality_IsCaseSensitive()
    {
        // Owner ids are folder names and index keys as given; "Alice" and "alice" are two owners.
        Assert.NotEqual(OwnerId.Parse("Alice"), OwnerId.Parse("alice"));
        Assert.Equal(OwnerId.Parse("alice"), OwnerId.Parse("alice"));
    }

    [Fact]
    public void Json_RoundTrip_IsAPlainString()
    {
        var id = OwnerId.Parse("user-1@example.com");

        var json = JsonSerializer.Serialize(id);
        var back = JsonSerializer.Deserialize<OwnerId>(json);

        Assert.Equal("\"user-1@example.com\"", json);
        Assert.Equal(id, back);
    }

    [Fact]
    public void Json_InvalidIdInDocument_IsRejectedOnRead()
    {
        Assert.Throws<InvalidNameException>(() => JsonSerializer.Deserialize<OwnerId>("\"../etc\""));
    }
}
