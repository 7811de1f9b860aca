using Personalization.Core.Recognition;

namespace Personalization.Cli.Reporting;

/// <summary>
/// A weak answer: a concept was accepted, but the score that accepted it lies within a margin above the threshold it
/// had to pass, so a threshold an equally good tuning would pick could have turned it into "none".
/// <list type="bullet">
/// <item>Decided by verification: the retrieval score is below <see cref="ReportThresholds.RetrievalAccept"/> +
/// <see cref="RetrievalMargin"/> (0.02: docs/thresholds.md finds thresholds within 0.02 of the best one equally good).</item>
/// <item>Decided by pairwise: the winner's probability is below <c>PairwiseAccept</c> + <see cref="PairwiseMargin"/>
/// (0.1: with the offline calibration p = σ(20·(s − midpoint)), p = 0.6 is s 0.02 above the midpoint — the same margin).</item>
/// </list>
/// A rejection is never weak; without the threshold in the snapshot nothing is.
/// </summary>
internal static class WeakAnswer
{
    public const double RetrievalMargin = 0.02;
    public const double PairwiseMargin = 0.1;

    public static bool IsWeak(RecognitionResult result, ReportThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (result.Concept is null)
        {
            return false;
        }

        return result.Stage switch
        {
            DecisionStages.Verification => thresholds.RetrievalAccept is { } t && result.Score < t + RetrievalMargin,
            DecisionStages.Pairwise => thresholds.PairwiseAccept is { } p && result.Score < p + PairwiseMargin,
            _ => false,
        };
    }

    /// <summary>One sentence for the legend, with the configured numbers.</summary>
    public static string Describe(ReportThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var retrieval = thresholds.RetrievalAccept is { } t
            ? string.Create(c, $"accepted by verification with a retrieval score under {t + RetrievalMargin:F3} ({t:F3} + {RetrievalMargin:F2})")
            : null;
        var pairwise = thresholds.PairwiseAccept is { } p
            ? string.Create(c, $"accepted by pairwise with a probability under {p + PairwiseMargin:F3} ({p:F3} + {PairwiseMargin:F2})")
            : null;
        var parts = new[] { retrieval, pairwise }.OfType<string>().ToList();
        return parts.Count == 0 ? "weak: not measured (the run's configuration has no thresholds)" : "weak: " + string.Join(", or ", parts);
    }
}
