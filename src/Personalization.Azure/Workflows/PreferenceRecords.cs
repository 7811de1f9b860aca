using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Azure.Workflows;

// PreferThinker (docs/method.md §4) as an orchestration: predict a profile from the liked/disliked references (it is
// stored, not carried in history: it holds feature centroids), then judge each candidate pair against it. Paths are
// under images/{owner}/; payloads stay small (ids, verdicts, short text), as in the recognition workflow.

/// <summary>A user's preference request: reference images (paths under <c>images/{owner}/</c>) and candidate pairs.</summary>
/// <param name="Liked">Liked references; with none, the owner's stored profile is used.</param>
public sealed record PreferenceRequest(OwnerId Owner, string RequestId, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked, IReadOnlyList<CandidatePair> Pairs);

public sealed record CandidatePair(string A, string B);

public sealed record PredictProfileInput(OwnerId Owner, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked);

/// <summary>What the profile step did: the stored profile's likes and dislikes per dimension, or why there is none.</summary>
public sealed record ProfileStep(string? Version, int Liked, int Disliked, IReadOnlyList<ProfileDimensionSummary> Dimensions, IReadOnlyList<ItemFailure> Failures, string? Error)
{
    public static ProfileStep From(PreferenceProfile profile, IReadOnlyList<ItemFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ProfileStep(
            profile.Version, profile.LikedCount, profile.DislikedCount,
            [.. profile.Dimensions.Select(d => new ProfileDimensionSummary(d.Dimension, d.Likes, d.Dislikes, d.Weight))], failures, null);
    }

    public static ProfileStep Failed(string error, IReadOnlyList<ItemFailure> failures) => new(null, 0, 0, [], failures, error);
}

public sealed record ProfileDimensionSummary(PreferenceDimension Dimension, IReadOnlyList<string> Likes, IReadOnlyList<string> Dislikes, double Weight);

/// <summary>A reference or candidate that could not be used, and why.</summary>
public sealed record ItemFailure(string Path, string Error);

public sealed record AssessPairInput(OwnerId Owner, CandidatePair Pair);

/// <summary>One pair's verdict, or the one-line reason it has none (a candidate missing or unreadable, no profile).</summary>
public sealed record PairOutcome(CandidatePair Pair, PreferenceVerdict? Verdict, string? Error);

public sealed record PreferenceResultInput(OwnerId Owner, string RequestId, ProfileStep Profile, IReadOnlyList<PairOutcome> Pairs);

/// <summary>What a preference orchestration returns (the verdicts are in the result blob).</summary>
public sealed record PreferenceSummary(OwnerId Owner, string RequestId, int Pairs, int Judged, int Failed, string ResultBlob);
