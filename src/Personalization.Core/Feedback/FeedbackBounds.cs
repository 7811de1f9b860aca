using System.Numerics.Tensors;
using Personalization.Core.Domain;

namespace Personalization.Core.Feedback;

/// <summary>The pure rules that keep a concept's feedback bounded. No I/O.</summary>
internal static class FeedbackBounds
{
    /// <summary>Boxes overlapping at least this much are the same region (an idempotent repeat).</summary>
    public const float SameRegion = 0.9f;

    /// <summary>Boxes overlapping at least this much are one object: newer feedback on it replaces older.</summary>
    public const float SameObject = 0.5f;

    /// <summary>A view shows a region when it holds at least half of it.</summary>
    public static bool Shows(BoundingBox view, BoundingBox region)
    {
        var w = Math.Min(view.X + view.Width, region.X + region.Width) - Math.Max(view.X, region.X);
        var h = Math.Min(view.Y + view.Height, region.Y + region.Height) - Math.Max(view.Y, region.Y);
        return region.Area > 0 && w > 0 && h > 0 && w * h >= 0.5f * region.Area;
    }

    public static bool IsConfirmed(ConceptReference reference) => reference.Origin == ReferenceOrigins.Confirmed;

    /// <summary>The region a reference stands for in its photo: its focus, else its first region.</summary>
    public static BoundingBox? RegionOf(ConceptReference reference) => reference.Focus?.Box ?? reference.Regions.FirstOrDefault()?.Box;

    /// <summary>
    /// Drops confirmed references until at most <paramref name="max"/> remain, each time the one whose image vector
    /// (its first region's) is most similar to another reference, ties broken by the higher mean similarity to the
    /// others, then by age (the earlier confirmed goes): what is left is as diverse as the confirmed ones allow.
    /// Enrolled references are never dropped, so the result may stay over the bound when they alone exceed it.
    /// </summary>
    public static List<ConceptReference> KeepMostDiverse(IReadOnlyList<ConceptReference> references, int max, out List<ConceptReference> dropped)
    {
        ArgumentNullException.ThrowIfNull(references);
        var kept = references.ToList();
        dropped = [];
        while (kept.Count > max)
        {
            var worst = -1;
            (float Max, float Mean) worstScore = (float.NegativeInfinity, float.NegativeInfinity);
            for (var i = 0; i < kept.Count; i++)
            {
                if (!IsConfirmed(kept[i]))
                {
                    continue;
                }

                var score = Redundancy(kept, i);
                if (score.Max > worstScore.Max || (score.Max == worstScore.Max && score.Mean > worstScore.Mean))
                {
                    (worst, worstScore) = (i, score);
                }
            }

            if (worst < 0)
            {
                break;
            }

            dropped.Add(kept[worst]);
            kept.RemoveAt(worst);
        }

        return kept;
    }

    /// <summary>
    /// The newest <paramref name="max"/> negatives by rejection time, in their stored order; of one rejection's negatives
    /// (one time) the first stored (the region itself, before the views that show it) is kept longest.
    /// </summary>
    public static List<HardNegative> KeepNewest(IReadOnlyList<HardNegative> negatives, int max, out int dropped)
    {
        ArgumentNullException.ThrowIfNull(negatives);
        var keep = negatives.Select((n, i) => (n, i)).OrderByDescending(x => x.n.RejectedAt).ThenBy(x => x.i).Take(max).Select(x => x.i).ToHashSet();
        dropped = negatives.Count - keep.Count;
        return [.. negatives.Where((_, i) => keep.Contains(i))];
    }

    private static (float Max, float Mean) Redundancy(List<ConceptReference> references, int i)
    {
        if (references[i].Regions.FirstOrDefault() is not { } first)
        {
            return (float.PositiveInfinity, float.PositiveInfinity); // nothing to match with: the first to go
        }

        var (max, sum, count) = (float.NegativeInfinity, 0f, 0);
        for (var j = 0; j < references.Count; j++)
        {
            if (j == i || references[j].Regions.FirstOrDefault()?.ImageVector is not { } other || other.Length != first.ImageVector.Length)
            {
                continue;
            }

            var s = TensorPrimitives.Dot(first.ImageVector.Span, other.Span);
            max = Math.Max(max, s);
            sum += s;
            count++;
        }

        return count == 0 ? (float.NegativeInfinity, float.NegativeInfinity) : (max, sum / count);
    }
}
