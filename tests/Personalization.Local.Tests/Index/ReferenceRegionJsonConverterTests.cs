using System.Text.Json;
using Personalization.Core.Domain;
using Personalization.Local.Index;
using static Personalization.Local.Tests.TestConcepts;

namespace Personalization.Local.Tests.Index;

/// <summary>The hand-written region contract: the serializer's own JSON and rules.</summary>
public sealed class ReferenceRegionJsonConverterTests
{
    private static readonly JsonSerializerOptions Plain = new() { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    [Fact]
    public void Write_Concepts_SameJsonAsTheSerializersContract()
    {
        var concepts = new[]
        {
            Make(Alice, "bo", Random(1), [Random(2), Random(3)], [Random(4)]),
            Make(Alice, "mochi", Random(5), [Random(6)]) with { References = [new ConceptReference("h", "f.jpg", 1, 2, [new ReferenceRegion(new BoundingBox(1.5f, -2, 3e-7f, 4e6f), "detector", "dog", ReadOnlyMemory<float>.Empty, new[] { float.Epsilon, -0f })])] },
        };

        Assert.Equal(JsonSerializer.Serialize(concepts, Plain), JsonSerializer.Serialize(concepts, ConceptIndexFile.Json));
    }

    [Fact]
    public void Read_WhatTheSerializerWrote_IsTheSameRegion()
    {
        var region = new ReferenceRegion(new BoundingBox(1.5f, -2, 3e-7f, 4e6f), "detector", null, new[] { 1f, float.Epsilon }, new[] { -0f });
        var json = JsonSerializer.Serialize(region, Plain);

        var back = JsonSerializer.Deserialize<ReferenceRegion>(json, ConceptIndexFile.Json)!;

        Assert.Equal((region.Box, region.Source, region.Label), (back.Box, back.Source, back.Label));
        Assert.Equal(region.ImageVector.ToArray(), back.ImageVector.ToArray());
        Assert.Equal(region.TextVector.ToArray(), back.TextVector.ToArray());
    }

    [Theory]
    [InlineData("{\"Box\":null,\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1},\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":\"0\",\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":null,\"Label\":null,\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":\"s\",\"ImageVector\":\"\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":\"s\",\"Label\":null,\"ImageVector\":null,\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"AAE=\",\"TextVector\":\"\"}")]
    [InlineData("{\"Box\":{\"X\":0,\"Y\":0,\"Width\":1,\"Height\":1},\"Source\":\"s\",\"Label\":null,\"ImageVector\":\"\"}")]
    [InlineData("[]")]
    public void Read_MissingNullOrMistypedMember_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ReferenceRegion>(json, Plain));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ReferenceRegion>(json, ConceptIndexFile.Json));
    }

    [Fact]
    public void Read_UnknownMembersAndTheBoxsArea_AreSkipped()
    {
        var json = "{\"Extra\":{\"a\":[1,2]},\"Box\":{\"X\":1,\"Y\":2,\"Width\":3,\"Height\":4,\"Area\":99},\"Source\":\"s\",\"Label\":\"l\",\"ImageVector\":[1,2],\"TextVector\":\"\"}";

        var region = JsonSerializer.Deserialize<ReferenceRegion>(json, ConceptIndexFile.Json)!;

        Assert.Equal(new BoundingBox(1, 2, 3, 4), region.Box);
        Assert.Equal([1f, 2f], region.ImageVector.ToArray());
    }
}
