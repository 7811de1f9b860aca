using System.Globalization;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Metrics;

namespace Personalization.Cli.Evaluation;

/// <summary>The <c>summary.json</c> of a labelled run: the evaluation, the speed and the configuration it ran with.</summary>
internal sealed record SummaryDocument(
    string Dataset,
    RecognitionScores Recognition,
    CaptionScores Captions,
    IReadOnlyDictionary<string, int> Stages,
    int Images,
    int Positives,
    int Negatives,
    int Concepts,
    int Failed,
    SpeedFigures Speed,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyList<ConceptScores> PerConcept,
    IReadOnlyList<Confusion> Confusions,
    IReadOnlyDictionary<string, ReasoningFigures>? Reasoning = null,
    int AlsoNamed = 0,
    LocalizationScores? Localization = null)
{
    /// <param name="trueBoxes">Where each query's concept truly is, by the image's full path (<c>--query-boxes</c>); null: no
    /// localisation is reported.</param>
    public static SummaryDocument From(string dataset, LabelledRun run, IReadOnlyDictionary<string, string> configuration, IReadOnlyDictionary<string, BoundingBox>? trueBoxes = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var images = Math.Max(1, run.Outcomes.Count);
        var speed = new SpeedFigures(
            Math.Round(run.RecogniseTime.TotalSeconds, 2),
            Math.Round(run.Outcomes.Count / Math.Max(1e-9, run.RecogniseTime.TotalSeconds), 2),
            Math.Round(run.EnrolTime.TotalSeconds, 2),
            run.Timings.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => Math.Round(t.Value.Elapsed.TotalMilliseconds / images, 2)));
        var reasoning = run.Reasoning is { Count: > 0 } usage ? ReasoningFigures.From(usage) : null;
        var localization = trueBoxes is null ? null : LocalizationScores.Of(
            run.Outcomes.Where(o => o.Truth is not null && o.Correct && trueBoxes.ContainsKey(o.Outcome.Id)).Select(o => (o.Outcome.Result!.Box, trueBoxes[o.Outcome.Id])));
        return new SummaryDocument(dataset, s.Recognition, s.Captions, s.Stages, s.Images, s.Positives, s.Negatives, s.Concepts, run.Failed, speed, configuration, s.PerConcept, s.Confusions, reasoning, s.AlsoNamed, localization);
    }

    public async Task PrintAsync(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in Lines())
        {
            await writer.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        var r = Recognition;
        yield return string.Create(c, $"recognised {Images} images ({Positives} positive, {Negatives} negative) in {Speed.Seconds:F1} s ({Speed.ImagesPerSecond:F1} images/s), {Failed} failed");
        yield return string.Create(c, $"recognition: accuracy {r.Accuracy:F3}, precision {r.Precision:F3}, recall {r.Recall:F3}, F1 {r.F1:F3}; retrieval top-1 {r.Top1Accuracy:F3}, top-3 {r.Top3Accuracy:F3}")
            + (r.NegativesRejected is { } n ? string.Create(c, $"; negatives rejected {n:F3}") : string.Empty);
        if (Localization is { } l)
        {
            yield return string.Create(c, $"localisation: {l.Answers} right answers with a true box, IoU ≥ 0.5 {l.Reward:F3}, mean IoU {l.MeanIou:F3}");
        }

        yield return string.Create(c, $"captions: precision {Captions.Precision:F3}, recall {Captions.Recall:F3}, F1 {Captions.F1:F3}");
        yield return $"decided by: {string.Join(", ", Stages.Select(s => $"{s.Key} {s.Value}"))}; other concepts also named (false extras on one-concept images): {AlsoNamed}";
        yield return $"time per image: {string.Join(", ", Speed.MillisecondsPerImage.Select(t => string.Create(c, $"{t.Key} {t.Value:F1} ms")))}";
        if (Reasoning is not null)
        {
            yield return ReasoningFigures.Line(Reasoning);
        }

        if (Confusions.Count > 0)
        {
            yield return $"costliest confusions: {string.Join(", ", Confusions.Take(5).Select(x => $"{x.Truth}→{x.Predicted} ×{x.Count}"))}";
        }
    }
}

/// <summary>VLM calls of one reasoning stage over the run (enrolment and recognition): tokens, latency, fallbacks.</summary>
internal sealed record ReasoningFigures(int Calls, long InputTokens, long OutputTokens, double MillisecondsPerCall, int Fallbacks)
{
    public static IReadOnlyDictionary<string, ReasoningFigures> From(IReadOnlyDictionary<string, ReasoningUsage.StageUsage> usage) =>
        usage.OrderBy(u => u.Key, StringComparer.Ordinal).ToDictionary(
            u => u.Key,
            u => new ReasoningFigures(u.Value.Calls, u.Value.InputTokens, u.Value.OutputTokens, Math.Round(u.Value.MillisecondsPerCall, 1), u.Value.Fallbacks));

    public static string Line(IReadOnlyDictionary<string, ReasoningFigures> stages) =>
        "VLM: " + string.Join("; ", stages.Select(s => string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Key} {s.Value.Calls} calls, {s.Value.InputTokens} tokens in / {s.Value.OutputTokens} out, {s.Value.MillisecondsPerCall:F0} ms per call, {s.Value.Fallbacks} offline fallbacks")));
}

internal sealed record SpeedFigures(double Seconds, double ImagesPerSecond, double EnrolSeconds, IReadOnlyDictionary<string, double> MillisecondsPerImage);
