using Personalization.Core.Ports;

namespace Personalization.Core.Preference;

/// <summary>
/// PreferThinker's two steps: predict a taste profile from references, then judge a candidate pair against it.
/// The offline judge measures; a VLM judge asks a model (three stages: profile, per-dimension assessment, answer).
/// Thread-safe; holds no per-request state.
/// </summary>
public interface IPreferenceJudge
{
    /// <summary>A short name for verdicts: <c>offline-axes-v2</c>, or the provider, model and prompt version.</summary>
    string Name { get; }

    Task<PreferenceProfile> PredictProfileAsync(string owner, IReadOnlyList<PreferenceImage> liked, IReadOnlyList<PreferenceImage> disliked, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Judges two different images; the caller has checked they are not the same.</summary>
    Task<PreferenceVerdict> JudgeAsync(PreferenceProfile profile, PreferenceImage a, PreferenceImage b, CancellationToken cancellationToken = default);
}

/// <summary>An image as measured, with its bytes for a judge that looks at pixels.</summary>
public sealed record PreferenceImage(DescribedImage Described, ImageSource Source);
