using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Local evidence must be an object's, not the room's (with <see cref="ExclusiveInliers"/>). A reference photo's object
/// region, chosen automatically or drawn loosely, often keeps some of the room it was taken in, and the room's keypoints
/// then match every photo taken there. The rooms of the owner's reference photos are known (their surroundings, kept at
/// enrolment), so a query keypoint that supports a concept's match and also fits one of those rooms lies on the room and
/// counts for no concept.
/// </summary>
public static class RoomInliers
{
    /// <param name="matches">One match per reference, as the matcher returned them.</param>
    /// <param name="concepts">The owner's concepts: the surroundings of all their reference photos are the rooms.</param>
    /// <param name="minInliers">Matches with at most this many inliers are left as they are (they count for nothing), and a
    /// room must fit more than this many keypoints.</param>
    public static IReadOnlyList<LocalMatch> Remove(
        ILocalFeatureMatcher matcher, LocalFeatures query, IReadOnlyList<LocalMatch> matches, IReadOnlyList<Concept> concepts, int minInliers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(concepts);
        var supporting = matches.Where(m => m.Inliers > minInliers).SelectMany(m => m.QueryInliers ?? []).ToHashSet();
        var rooms = concepts.SelectMany(c => c.References).Select(r => r.Surroundings).OfType<LocalFeatures>().Where(r => r.Kind == matcher.Kind).ToList();
        if (supporting.Count == 0 || rooms.Count == 0)
        {
            return matches;
        }

        var onRooms = matcher.OnRooms(query, supporting, rooms, minInliers, cancellationToken);
        if (onRooms.Count == 0)
        {
            return matches;
        }

        return [.. matches.Select(m =>
        {
            if (m.QueryInliers is not { Count: > 0 } points)
            {
                return m;
            }

            var own = points.Where(p => !onRooms.Contains(p)).ToList();
            return own.Count == points.Count ? m : m with { Inliers = own.Count, QueryInliers = own };
        })];
    }
}
