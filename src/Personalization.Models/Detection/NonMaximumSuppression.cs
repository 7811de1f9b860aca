namespace Personalization.Models.Detection;

/// <summary>Greedy non-maximum suppression.</summary>
internal static class NonMaximumSuppression
{
    /// <summary>Per class, keeps the highest-scoring box and drops those overlapping it above <paramref name="iou"/>. Best first.</summary>
    public static IReadOnlyList<Core.Domain.Detection> ClassAware(IEnumerable<Core.Domain.Detection> detections, float iou)
    {
        var kept = new List<Core.Domain.Detection>();
        foreach (var group in detections.GroupBy(d => d.ClassId))
        {
            var sorted = group.OrderByDescending(d => d.Score).ToList();
            var groupKept = new List<Core.Domain.Detection>();
            foreach (var d in sorted)
            {
                if (groupKept.TrueForAll(k => k.Box.IntersectionOverUnion(d.Box) <= iou))
                {
                    groupKept.Add(d);
                }
            }

            kept.AddRange(groupKept);
        }

        kept.Sort((a, b) => b.Score.CompareTo(a.Score));
        return kept;
    }

    /// <summary>Keeps boxes in the given order, dropping each that overlaps a kept one above <paramref name="iou"/>, whatever their classes.</summary>
    public static IReadOnlyList<Core.Domain.Detection> Agnostic(IEnumerable<Core.Domain.Detection> ordered, float iou)
    {
        var kept = new List<Core.Domain.Detection>();
        foreach (var d in ordered)
        {
            if (kept.TrueForAll(k => k.Box.IntersectionOverUnion(d.Box) <= iou))
            {
                kept.Add(d);
            }
        }

        return kept;
    }
}
