using Personalization.Core.Diagnostics;
using Personalization.Core.Metrics;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Evaluation;

/// <summary>The outcome of enrolling a labelled dataset and recognising its queries.</summary>
internal sealed record LabelledRun(
    EvaluationSummary Summary,
    IReadOnlyList<LabelledOutcome> Outcomes,
    IReadOnlyList<(string Id, string Error)> EnrolFailures,
    TimeSpan EnrolTime,
    TimeSpan RecogniseTime,
    IReadOnlyDictionary<string, StageTimings.StageTotal> Timings,
    IReadOnlyDictionary<string, ReasoningUsage.StageUsage>? Reasoning = null)
{
    public int Failed => Outcomes.Count(o => !o.Outcome.Succeeded) + EnrolFailures.Count;
}

/// <param name="Truth">The concept the query shows, or null for a negative (or when unlabelled).</param>
/// <param name="Labelled">False for plain recognition, where nothing is known about the truth.</param>
internal sealed record LabelledOutcome(RecognitionOutcome Outcome, string? Truth, bool Labelled = true)
{
    public bool Correct => Outcome.Result is { } r && (Truth is null ? r.Concept is null : string.Equals(Truth, r.Concept?.Value, StringComparison.OrdinalIgnoreCase));
}
