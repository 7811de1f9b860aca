using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Output;

/// <summary>The JSON written per recognised image: the answer, where, how sure, why, the caption, and what the models saw.</summary>
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
    IReadOnlyList<NamedColor> Colors,
    string? Truth = null,
    bool? Correct = null,
    double? CaptionReward = null)
{
    public static ResultDocument From(RecognitionOutcome outcome, string? truth = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var r = outcome.Result ?? throw new ArgumentException("outcome has no result", nameof(outcome));
        var a = outcome.Analysis!;
        return new ResultDocument(
            outcome.Id, r.Owner.Value, r.ContentHash, a.Width, a.Height, r.Concept?.Value, r.Score, r.Stage, r.Box, r.Caption, r.Trace,
            a.Detections, a.DominantColors, truth, truth is null ? null : string.Equals(truth, r.Concept?.Value, StringComparison.OrdinalIgnoreCase),
            r.CaptionReward);
    }
}
