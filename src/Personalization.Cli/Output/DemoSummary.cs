using System.Globalization;
using Personalization.Core.Diagnostics;
using Personalization.Core.Metrics;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Output;

/// <summary>What a labelled run measured: accuracy, caption metric, stages, speed.</summary>
internal sealed record DemoSummary(
    int Concepts,
    int Images,
    int Recognised,
    int Failed,
    int Correct,
    double Top1Accuracy,
    CaptionScores Captions,
    IReadOnlyDictionary<string, int> Stages,
    double Seconds,
    double ImagesPerSecond,
    double EnrolSeconds,
    IReadOnlyDictionary<string, double> MillisecondsPerImage)
{
    public static DemoSummary Create(
        IReadOnlyList<RecognitionOutcome> outcomes,
        IReadOnlyDictionary<string, string> truthOf,
        IReadOnlyList<string> pool,
        TimeSpan elapsed,
        IReadOnlyDictionary<string, StageTimings.StageTotal> timings,
        TimeSpan enrol,
        int concepts)
    {
        var ok = outcomes.Where(o => o.Succeeded).ToList();
        var correct = ok.Count(o => string.Equals(o.Result!.Concept?.Value, truthOf[o.Id], StringComparison.OrdinalIgnoreCase));
        var tally = ok.Aggregate(CaptionTally.Empty, (t, o) => t + CaptionMetric.Score(o.Result!.Caption, [truthOf[o.Id]], pool));
        var stages = ok.GroupBy(o => o.Result!.Stage).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var perImage = timings.OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => Math.Round(t.Value.Elapsed.TotalMilliseconds / Math.Max(1, ok.Count + outcomes.Count(o => !o.Succeeded && o.Error is not null)), 2));
        return new DemoSummary(
            concepts,
            outcomes.Count,
            ok.Count,
            outcomes.Count - ok.Count,
            correct,
            outcomes.Count == 0 ? 0 : Math.Round(correct / (double)outcomes.Count, 4),
            new CaptionScores(Math.Round(tally.Precision, 4), Math.Round(tally.Recall, 4), Math.Round(tally.F1, 4)),
            stages,
            Math.Round(elapsed.TotalSeconds, 2),
            Math.Round(outcomes.Count / Math.Max(1e-9, elapsed.TotalSeconds), 2),
            Math.Round(enrol.TotalSeconds, 2),
            perImage);
    }

    public async Task PrintAsync(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync(string.Create(c, $"recognised {Recognised} of {Images} images in {Seconds:F1} s ({ImagesPerSecond:F1} images/s), {Failed} failed")).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(c, $"top-1 accuracy: {Top1Accuracy:F3} ({Correct}/{Images})")).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(c, $"captions: precision {Captions.Precision:F3}, recall {Captions.Recall:F3}, F1 {Captions.F1:F3}")).ConfigureAwait(false);
        await writer.WriteLineAsync($"decided by: {string.Join(", ", Stages.Select(s => $"{s.Key} {s.Value}"))}").ConfigureAwait(false);
        await writer.WriteLineAsync($"time per image: {string.Join(", ", MillisecondsPerImage.Select(t => string.Create(c, $"{t.Key} {t.Value:F1} ms")))}").ConfigureAwait(false);
    }
}

internal sealed record CaptionScores(double Precision, double Recall, double F1);
