using System.Text.Json;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Azure.Tests.Storage;

/// <summary>One JSON dialect: a verdict reads the same from the CLI's files and from the worker's blobs (issue 10).</summary>
public sealed class ProductJsonTests
{
    private static readonly PreferenceVerdict Verdict = new(
        "a.jpg", "b.jpg", "A", 0.8, [new DimensionAssessment(PreferenceDimension.ArtMedium, 0.9, 0.2, 0.3, "watercolour")], true, "offline", "closer to the profile");

    [Fact]
    public void StorageDocuments_WriteEnumsAsNames_LikeTheCli()
    {
        var text = JsonSerializer.Serialize(Verdict, StorageJson.Documents);

        using var json = JsonDocument.Parse(text);
        Assert.Equal("ArtMedium", json.RootElement.GetProperty("dimensions")[0].GetProperty("dimension").GetString());
        Assert.Same(ProductJson.Documents, StorageJson.Documents);
    }

    [Fact]
    public void Messages_ReadAnyCasing_AndEnumsWrittenAsNumbersByOlderBlobs()
    {
        const string old = """{"Dimension": 3, "score_a": 0.9, "SCORE_B": 0.2, "weight": 0.3, "reason": "x"}""";

        var read = JsonSerializer.Deserialize<DimensionAssessment>(old, StorageJson.Messages)!;

        Assert.Equal(PreferenceDimension.ArtMedium, read.Dimension);
        Assert.Equal(0.2, read.ScoreB);
        Assert.DoesNotContain('\n', JsonSerializer.Serialize(Verdict, StorageJson.Messages));
    }
}
