using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

// PreferThinker (docs/method.md §4): predict a profile from the liked/disliked references, then assess each pair.
// The preference pipeline itself arrives with the preference issue; these are the payloads its activities will take.

/// <summary>A user's preference request: reference images (paths under <c>images/{owner}/</c>) and candidate pairs.</summary>
public sealed record PreferenceRequest(OwnerId Owner, string RequestId, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked, IReadOnlyList<CandidatePair> Pairs);

public sealed record CandidatePair(string A, string B);

public sealed record PredictProfileInput(OwnerId Owner, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked);

/// <summary>Per dimension (art style, color, detail, art medium, saturation), what the user likes and dislikes.</summary>
public sealed record PreferenceProfile(IReadOnlyList<PreferenceDimension> Dimensions);

public sealed record PreferenceDimension(string Name, IReadOnlyList<string> Likes, IReadOnlyList<string> Dislikes);

public sealed record AssessPairInput(OwnerId Owner, PreferenceProfile Profile, CandidatePair Pair);

/// <summary>The verdict for one pair: <c>A</c> or <c>B</c>, with a short reason.</summary>
public sealed record PreferenceVerdict(CandidatePair Pair, string Preferred, float Confidence, string Reason);

public sealed record PreferenceResultInput(OwnerId Owner, string RequestId, PreferenceProfile Profile, IReadOnlyList<PreferenceVerdict> Verdicts);
