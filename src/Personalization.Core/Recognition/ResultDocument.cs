using System.Text.Json.Serialization;
using Personalization.Core.Domain;

namespace Personalization.Core.Recognition;

/// <summary>
/// The JSON written per recognised image (by the CLI to its output folder, by the cloud app to
/// <c>results/{owner}/{path}.json</c>): the answer, where, how sure, why, the caption, and what the models saw.
/// <see cref="Concept"/> and <see cref="Box"/> are written even when null ("nothing found"), whatever the writer's
/// ignore-null setting, so a reader can tell "no concept" from a document of another shape.
/// </summary>
public sealed record ResultDocument(
    string Image,
    string Owner,
    string ContentHash,
    int Width,
    int Height,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Concept,
    float Score,
    string Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] BoundingBox? Box,
    string Caption,
    DecisionTrace Trace,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<NamedColor> Colors,
    string? Truth = null,
    bool? Correct = null,
    double? CaptionReward = null,
    IReadOnlyList<RecognizedRef>? AlsoPresent = null)
{
    public static ResultDocument From(RecognitionOutcome outcome, string? truth = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var r = outcome.Result ?? throw new ArgumentException("outcome has no result", nameof(outcome));
        return From(outcome.Id, r, outcome.Analysis, truth);
    }

    /// <param name="image">The caller's name for the image: a path or blob name.</param>
    public static ResultDocument From(string image, RecognitionResult r, ImageAnalysis? a, string? truth = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ResultDocument(
            image, r.Owner.Value, r.ContentHash, a?.Width ?? 0, a?.Height ?? 0, r.Concept?.Value, r.Score, r.Stage, r.Box, r.Caption, r.Trace,
            a?.Detections ?? [], a?.DominantColors ?? [], truth, truth is null ? null : string.Equals(truth, r.Concept?.Value, StringComparison.OrdinalIgnoreCase),
            r.CaptionReward, r.AlsoPresent);
    }
}
