using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Geometric verification of an instance: matches a query's local features against references' and counts the
/// matches consistent with one similarity transform. Thread-safe; it may match references in parallel.
/// </summary>
public interface ILocalFeatureMatcher
{
    /// <summary>The feature kind it compares (<see cref="LocalFeatures.Kind"/>); features of another kind get <see cref="LocalMatch.None"/>.</summary>
    string Kind { get; }

    /// <returns>One match per reference, in order.</returns>
    IReadOnlyList<LocalMatch> Match(LocalFeatures query, IReadOnlyList<LocalFeatures> references, CancellationToken cancellationToken = default);

    /// <summary>
    /// Which of the query's keypoints <paramref name="keypoints"/> lie on what one of <paramref name="rooms"/> shows (the
    /// surroundings of reference photos): the keypoints are matched into each room and the matches fitted as in
    /// <see cref="Match"/>; the inliers of every room fit with more than <paramref name="minInliers"/> of them.
    /// </summary>
    /// <returns>A subset of <paramref name="keypoints"/> (query keypoint indices).</returns>
    IReadOnlySet<int> OnRooms(LocalFeatures query, IReadOnlyCollection<int> keypoints, IReadOnlyList<LocalFeatures> rooms, int minInliers, CancellationToken cancellationToken = default);
}
