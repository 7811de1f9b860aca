using Personalization.Core.Domain;
using Personalization.Core.Intake;
using Personalization.Core.Ports;

namespace Personalization.Core.Preference;

/// <summary>
/// PreferThinker for one owner: predict a profile from liked and disliked references (and keep it), then judge
/// candidate pairs against it. Bad inputs are clear errors and no verdict is invented. Thread-safe.
/// </summary>
public sealed class PreferenceService(IPreferenceImageReader reader, IPreferenceProfileStore profiles, IPreferenceJudge judge, TimeProvider clock)
{
    public async Task<ProfileOutcome> BuildProfileAsync(OwnerId owner, IReadOnlyList<ImageSource> liked, IReadOnlyList<ImageSource> disliked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        if (liked.Count == 0)
        {
            throw new PreferenceException("at least one liked image is needed to predict a profile");
        }

        var failures = new List<(string, string)>();
        var likedImages = await DescribeAllAsync(liked, failures, cancellationToken).ConfigureAwait(false);
        var dislikedImages = await DescribeAllAsync(disliked, failures, cancellationToken).ConfigureAwait(false);
        if (likedImages.Count == 0)
        {
            throw new PreferenceException("none of the liked images could be read, so no profile was made");
        }

        var profile = await judge.PredictProfileAsync(owner.Value, likedImages, dislikedImages, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await profiles.PutAsync(owner, profile, cancellationToken).ConfigureAwait(false);
        return new ProfileOutcome(profile, failures);
    }

    /// <exception cref="PreferenceException">No profile, identical candidates, or a candidate that cannot be read.</exception>
    public async Task<PreferenceVerdict> JudgeAsync(OwnerId owner, ImageSource a, ImageSource b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var profile = await profiles.GetAsync(owner, cancellationToken).ConfigureAwait(false)
            ?? throw new PreferenceException($"owner '{owner}' has no preference profile; give liked (and disliked) images first");
        var failures = new List<(string Id, string Error)>();
        var described = await DescribeAllAsync([a, b], failures, cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw new PreferenceException(string.Join("; ", failures.Select(f => $"candidate {f.Id}: {f.Error}")));
        }

        if (described[0].Described.ContentHash == described[1].Described.ContentHash)
        {
            throw new PreferenceException($"the two candidates are the same image ({a.Id} and {b.Id})");
        }

        return await judge.JudgeAsync(profile, described[0], described[1], cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<PreferenceImage>> DescribeAllAsync(IReadOnlyList<ImageSource> sources, List<(string, string)> failures, CancellationToken cancellationToken)
    {
        var inputs = new List<ImageInput>(sources.Count);
        foreach (var read in await ImageIntake.ReadAllAsync(sources, cancellationToken).ConfigureAwait(false))
        {
            if (read.Error is { } error)
            {
                failures.Add((read.Id, error));
            }
            else
            {
                inputs.Add(new ImageInput(read.Id, read.Bytes));
            }
        }

        var result = new List<PreferenceImage>(inputs.Count);
        foreach (var (id, image, error) in await reader.DescribeAsync(inputs, cancellationToken).ConfigureAwait(false))
        {
            if (image is not null)
            {
                result.Add(new PreferenceImage(image, ImageSource.FromBytes(id, inputs.First(i => i.Id == id).Bytes)));
            }
            else
            {
                failures.Add((id, error ?? "unknown error"));
            }
        }

        return result;
    }
}

/// <summary>The stored profile and the reference images that could not be used, with why.</summary>
public sealed record ProfileOutcome(PreferenceProfile Profile, IReadOnlyList<(string Id, string Error)> Failures);
