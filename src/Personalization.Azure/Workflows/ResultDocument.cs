using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>The JSON written to <c>results/{owner}/{path}.json</c>: the answer, where, how sure, why, the caption, what the models saw.</summary>
public sealed record ResultDocument(
    string Image,
    string Owner,
    string ContentHash,
    int Width,
    int Height,
    string? Concept,
    float Score,
    string Stage,
    BoundingBox? Box,
    string Caption,
    DecisionTrace Trace,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<NamedColor> Colors)
{
    public static ResultDocument From(string blobPath, RecognitionResult result, ImageAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ResultDocument(
            blobPath, result.Owner.Value, result.ContentHash, analysis?.Width ?? 0, analysis?.Height ?? 0, result.Concept?.Value, result.Score,
            result.Stage, result.Box, result.Caption, result.Trace, analysis?.Detections ?? [], analysis?.DominantColors ?? []);
    }
}
