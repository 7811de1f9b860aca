namespace Personalization.Core.Preference;

/// <summary>The deterministic judge: <see cref="OfflinePreferenceModel"/> over measured properties.</summary>
public sealed class OfflinePreferenceJudge : IPreferenceJudge
{
    public string Name => OfflinePreferenceModel.Version;

    public Task<PreferenceProfile> PredictProfileAsync(string owner, IReadOnlyList<PreferenceImage> liked, IReadOnlyList<PreferenceImage> disliked, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        return Task.FromResult(OfflinePreferenceModel.BuildProfile(owner, [.. liked.Select(i => i.Described)], [.. disliked.Select(i => i.Described)], createdAt));
    }

    public Task<PreferenceVerdict> JudgeAsync(PreferenceProfile profile, PreferenceImage a, PreferenceImage b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Task.FromResult(OfflinePreferenceModel.Judge(profile, a.Described, b.Described));
    }
}
