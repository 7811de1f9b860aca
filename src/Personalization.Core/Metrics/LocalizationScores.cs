using Personalization.Core.Domain;

namespace Personalization.Core.Metrics;

/// <summary>
/// Where the named concept was put, against where it truly is (RePIC's visual localisation: a box is right when its IoU
/// with the true box is at least ½), over the answers that named the right concept in a photo whose true box is known.
/// </summary>
/// <param name="Answers">Right answers with a true box.</param>
/// <param name="Reward">The share of them whose box has IoU ≥ ½ with the true box (an answer without a box scores 0).</param>
/// <param name="MeanIou">Their mean IoU.</param>
public sealed record LocalizationScores(int Answers, double Reward, double MeanIou)
{
    public const double RewardIou = 0.5;

    /// <summary>The scores of <paramref name="answers"/> (the box given, null when none; the true box); null when there are none.</summary>
    public static LocalizationScores? Of(IEnumerable<(BoundingBox? Given, BoundingBox Truth)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var ious = answers.Select(a => a.Given is { } given ? (double)given.IntersectionOverUnion(a.Truth) : 0d).ToList();
        return ious.Count == 0 ? null : new LocalizationScores(ious.Count, Math.Round(ious.Count(i => i >= RewardIou) / (double)ious.Count, 3), Math.Round(ious.Average(), 3));
    }
}
