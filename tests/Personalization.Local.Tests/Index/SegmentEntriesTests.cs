using System.Text.Json;
using Personalization.Local.Index;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>A segment's metadata parsed entry by entry on every core: the same entries as one parse of the whole list.</summary>
public sealed class SegmentEntriesTests
{
    [Fact]
    public void Parse_MetadataOverAMegabyte_GivesTheEntriesOfOneParseInOrder()
    {
        var entries = Enumerable.Range(0, 3000).Select(i => new SegmentEntry(Make(Alice, $"c{i:D4}", Random(i), [Random(i + 1), Random(i + 2)]), [16, 16, 16, 16, 16, 16])).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(entries, ConceptIndexFile.Json);
        Assert.True(json.Length > 1 << 20);

        var parsed = SegmentEntries.Parse(json);

        var whole = JsonSerializer.Deserialize<List<SegmentEntry>>(json, ConceptIndexFile.Json)!;
        Assert.Equal(whole.Select(e => JsonSerializer.Serialize(e, ConceptIndexFile.Json)), parsed.Select(e => JsonSerializer.Serialize(e, ConceptIndexFile.Json)));
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("[null]", 1)]
    [InlineData(" [ null , null ] ", 2)]
    public void Parse_EmptyOrNullEntries_AreKeptForTheCheck(string json, int count) =>
        Assert.Equal(count, SegmentEntries.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Length);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[null")]
    [InlineData("[null] x")]
    [InlineData("[null][]")]
    [InlineData("[1]")]
    [InlineData("[{\"Concept\":null,\"Lengths\":[]},]")]
    public void Parse_NotAListOfEntries_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => SegmentEntries.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
}
