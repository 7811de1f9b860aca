using System.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// Passes every call to the real matcher and keeps what the last call was given, what it found and how long it took,
/// so a benchmark can see the local stage inside <see cref="Core.Recognition.CandidateRetriever"/>. One caller at a
/// time: the record is of the last call.
/// </summary>
internal sealed class RecordingLocalMatcher(ILocalFeatureMatcher inner) : ILocalFeatureMatcher
{
    public string Kind => inner.Kind;

    /// <summary>The references of the last call (the same instances, in order).</summary>
    public IReadOnlyList<LocalFeatures> References { get; private set; } = [];

    public IReadOnlyList<LocalMatch> Matches { get; private set; } = [];

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Forgets the last call (a retrieval that verifies nothing makes none).</summary>
    public void Reset()
    {
        References = [];
        Matches = [];
        Elapsed = TimeSpan.Zero;
    }

    public IReadOnlyList<LocalMatch> Match(LocalFeatures query, IReadOnlyList<LocalFeatures> references, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var matches = inner.Match(query, references, cancellationToken);
        Elapsed = Stopwatch.GetElapsedTime(start);
        References = references;
        Matches = matches;
        return matches;
    }

    public IReadOnlySet<int> OnRooms(LocalFeatures query, IReadOnlyCollection<int> keypoints, IReadOnlyList<LocalFeatures> rooms, int minInliers, CancellationToken cancellationToken = default) =>
        inner.OnRooms(query, keypoints, rooms, minInliers, cancellationToken);
}
