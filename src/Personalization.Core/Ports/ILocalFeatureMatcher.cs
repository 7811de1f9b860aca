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
}
