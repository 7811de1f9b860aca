using System.Text.Json;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Tests.Storage;

/// <summary>The result JSON as the worker writes it: "nothing found" says so with nulls rather than leaving the keys out.</summary>
public sealed class ResultDocumentJsonTests
{
    [Fact]
    public void Documents_NothingFound_WritesConceptAndBoxAsNull()
    {
        var trace = new DecisionTrace([], null, null, null, "no concepts enrolled for this owner");
        var result = new RecognitionResult(OwnerId.Parse("alice"), "hash", null, 0, DecisionStages.Rejected, null, "A photo of a park.", trace);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(ResultDocument.From("park.jpg", result, null), StorageJson.Documents));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("concept").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("box").ValueKind);
        Assert.False(json.RootElement.TryGetProperty("truth", out _), "other null fields stay omitted");
    }

    [Fact]
    public void FailedImageResult_SaysWhyAndHasANullConcept()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(FailedImageResult.For(OwnerId.Parse("alice"), "trip/empty.jpg", "empty file"), StorageJson.Documents));

        Assert.Equal("trip/empty.jpg", json.RootElement.GetProperty("image").GetString());
        Assert.Equal("empty file", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(FailedImageResult.FailedStage, json.RootElement.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("concept").ValueKind);
    }
}
