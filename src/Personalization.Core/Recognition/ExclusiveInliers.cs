using Personalization.Core.Domain;

namespace Personalization.Core.Recognition;

/// <summary>
/// Local evidence must be an object's, not the room's. A query keypoint that is an inlier of the matches of two or more
/// concepts (each match with more than the minimum of inliers) lies on something their reference photos share, such as
/// the room several owned things were photographed in, so it counts for none of them: each match keeps only the inliers
/// no other concept claims.
/// </summary>
public static class ExclusiveInliers
{
    /// <param name="matches">One match per reference, as the matcher returned them.</param>
    /// <param name="owners">For each match, the concept it belongs to (any number that tells concepts apart), or a
    /// negative number for a rejected region, which claims nothing and is returned as it is.</param>
    /// <param name="minInliers">Matches with at most this many inliers claim nothing (RANSAC finds a few by chance).</param>
    public static IReadOnlyList<LocalMatch> Apply(IReadOnlyList<LocalMatch> matches, IReadOnlyList<int> owners, int minInliers)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count != matches.Count)
        {
            throw new ArgumentException("one owner per match", nameof(owners));
        }

        var claimed = Enumerable.Range(0, matches.Count)
            .Where(k => owners[k] >= 0 && matches[k].Inliers > minInliers)
            .GroupBy(k => owners[k])
            .ToDictionary(g => g.Key, g => g.SelectMany(k => matches[k].QueryInliers ?? []).ToHashSet());
        var claims = new Dictionary<int, int>();
        foreach (var point in claimed.Values.SelectMany(p => p))
        {
            claims[point] = claims.GetValueOrDefault(point) + 1;
        }

        var result = new LocalMatch[matches.Count];
        for (var k = 0; k < matches.Count; k++)
        {
            var m = matches[k];
            if (owners[k] < 0 || m.QueryInliers is not { Count: > 0 } points)
            {
                result[k] = m;
                continue;
            }

            var mine = claimed.GetValueOrDefault(owners[k]);
            var own = points.Where(p => claims.GetValueOrDefault(p) - (mine is not null && mine.Contains(p) ? 1 : 0) == 0).ToList();
            result[k] = own.Count == points.Count ? m : m with { Inliers = own.Count, QueryInliers = own };
        }

        return result;
    }
}
