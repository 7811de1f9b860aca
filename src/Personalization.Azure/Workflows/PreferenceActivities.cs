using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;

namespace Personalization.Azure.Workflows;

/// <summary>
/// What the preference activities do: each delegates to the <see cref="PreferenceService"/> the CLI's <c>prefer</c>
/// uses, over images read from <c>images/{owner}/</c>. A request that cannot be judged (no readable liked image,
/// an unreadable candidate, no profile) becomes an error in the result, not a failed orchestration. Thread-safe.
/// </summary>
public sealed class PreferenceActivities(PreferenceService preferences, IPreferenceProfileStore profiles, StorageClients storage)
{
    /// <summary>Predicts and stores the owner's profile from the references; with no liked image, reuses the stored one.</summary>
    public async Task<ProfileStep> PredictProfileAsync(PredictProfileInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            if (input.Liked.Count == 0)
            {
                var stored = await profiles.GetAsync(input.Owner, cancellationToken).ConfigureAwait(false);
                return stored is null
                    ? ProfileStep.Failed("no liked images were given and the owner has no stored profile", [])
                    : ProfileStep.From(stored, []);
            }

            var outcome = await preferences.BuildProfileAsync(input.Owner, Sources(input.Owner, input.Liked), Sources(input.Owner, input.Disliked), cancellationToken).ConfigureAwait(false);
            return ProfileStep.From(outcome.Profile, [.. outcome.Failures.Select(f => new ItemFailure(f.Id, f.Error))]);
        }
        catch (PreferenceException e)
        {
            return ProfileStep.Failed(e.Message, []);
        }
    }

    /// <summary>Judges one pair against the owner's stored profile.</summary>
    public async Task<PairOutcome> AssessPairAsync(AssessPairInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var verdict = await preferences.JudgeAsync(input.Owner, Source(input.Owner, input.Pair.A), Source(input.Owner, input.Pair.B), cancellationToken).ConfigureAwait(false);
            return new PairOutcome(input.Pair, verdict, null);
        }
        catch (PreferenceException e)
        {
            return new PairOutcome(input.Pair, null, e.Message);
        }
    }

    /// <summary>Writes <c>results/{owner}/_preferences/{requestId}.json</c>: the profile summary and every pair, in request order.</summary>
    public async Task<string> WriteResultAsync(PreferenceResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = BlobPaths.PreferenceResult(input.Owner, input.RequestId);
        var judged = input.Pairs.Count(p => p.Verdict is not null);
        var document = new
        {
            owner = input.Owner.Value,
            request_id = input.RequestId,
            judged,
            failed = input.Pairs.Count - judged,
            profile = input.Profile,
            pairs = input.Pairs.Select(p => new { a = p.Pair.A, b = p.Pair.B, preferred = p.Verdict?.Preferred, verdict = p.Verdict, error = p.Error }),
        };
        await StorageJson.UploadAsync(storage.Results, name, document, StorageJson.Documents, cancellationToken).ConfigureAwait(false);
        return name;
    }

    private List<ImageSource> Sources(OwnerId owner, IReadOnlyList<string> paths) => [.. paths.Select(p => Source(owner, p))];

    /// <summary>An image under the owner's prefix, read when needed; a missing or oversized blob reads as an I/O error.</summary>
    private ImageSource Source(OwnerId owner, string path) => new(path, async ct =>
    {
        var (bytes, error) = await storage.DownloadImageAsync(owner, path, ct).ConfigureAwait(false);
        return bytes ?? throw new IOException(error);
    });
}
