namespace Personalization.Core.Metrics;

/// <summary>
/// Scores a set of evaluated queries. A prediction is a concept or "none": precision = correct / concepts
/// predicted (a wrong concept, or any concept on a negative, counts against it); recall = correct / positive
/// queries ("none" on a positive counts against it). Captions are scored with RePIC's metric, the concept pool
/// being every evaluated concept. The datasets hold one concept per image, so another concept named as also present
/// (other than the truth) is counted apart, as a false extra.
/// </summary>
public static class RecognitionEvaluation
{
    public static EvaluationSummary Summarize(IReadOnlyList<EvaluatedImage> images, IReadOnlyList<string> concepts)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(concepts);
        var positives = images.Where(i => i.Truth is not null).ToList();
        var negatives = images.Where(i => i.Truth is null).ToList();
        var predicted = images.Count(i => i.Predicted is not null);
        var correct = positives.Count(IsCorrect);
        var (p, r) = (Ratio(correct, predicted), Ratio(correct, positives.Count));
        var recognition = new RecognitionScores(
            p, r, F1(p, r),
            Ratio(correct, positives.Count),
            Ratio(positives.Count(i => i.Ranked.Count > 0 && Same(i.Ranked[0], i.Truth)), positives.Count),
            Ratio(positives.Count(i => i.Ranked.Take(3).Any(c => Same(c, i.Truth))), positives.Count),
            negatives.Count == 0 ? null : Ratio(negatives.Count(i => i.Predicted is null), negatives.Count));

        var tally = positives.Aggregate(CaptionTally.Empty, (t, i) => t + CaptionMetric.Score(i.Caption, [i.Truth!], concepts));
        var captions = new CaptionScores(Round(tally.Precision), Round(tally.Recall), Round(tally.F1));

        var stages = images.GroupBy(i => i.Stage).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var perConcept = concepts.Order(StringComparer.Ordinal).Select(c =>
        {
            var queries = positives.Where(i => Same(i.Truth, c)).ToList();
            var hits = queries.Count(IsCorrect);
            var claimed = images.Count(i => Same(i.Predicted, c));
            var (cp, cr) = (Ratio(hits, claimed), Ratio(hits, queries.Count));
            return new ConceptScores(c, queries.Count, hits, cp, cr, F1(cp, cr));
        }).ToList();
        var confusions = images.Where(i => !IsCorrect(i) && !(i.Truth is null && i.Predicted is null))
            .GroupBy(i => (Truth: i.Truth ?? "none", Predicted: i.Predicted ?? "none"))
            .Select(g => new Confusion(g.Key.Truth, g.Key.Predicted, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Truth, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .ToList();
        var alsoNamed = images.Sum(i => i.AlsoPresent?.Count(a => !Same(a, i.Truth)) ?? 0);
        return new EvaluationSummary(recognition, captions, stages, images.Count, positives.Count, negatives.Count, concepts.Count, perConcept, confusions, alsoNamed);
    }

    public static bool IsCorrect(EvaluatedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Truth is null ? image.Predicted is null : Same(image.Truth, image.Predicted);
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static double Ratio(int a, int b) => b == 0 ? 0 : Round(a / (double)b);

    private static double F1(double p, double r) => p + r == 0 ? 0 : Round(2 * p * r / (p + r));

    private static double Round(double x) => Math.Round(x, 4);
}
