using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The preference steps, over the <see cref="PreferenceService"/> the CLI's <c>prefer</c> uses and images the owner
/// submitted: the orchestration's activities call them, and so does <c>personalize serve</c> in process. A request that
/// cannot be judged (no readable liked image, an unreadable candidate, no profile) becomes an error in the outcome, not a
/// failure. Thread-safe.
/// </summary>
public sealed class PreferenceSteps(PreferenceService preferences, IPreferenceProfileStore profiles, IOwnerImages images)
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

    /// <summary>The result document: the profile summary and every pair, in request order.</summary>
    public static object ResultDocument(PreferenceResultInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var judged = input.Pairs.Count(p => p.Verdict is not null);
        return new
        {
            owner = input.Owner.Value,
            request_id = input.RequestId,
            judged,
            failed = input.Pairs.Count - judged,
            profile = input.Profile,
            pairs = input.Pairs.Select(p => new { a = p.Pair.A, b = p.Pair.B, preferred = p.Verdict?.Preferred, verdict = p.Verdict, error = p.Error }),
        };
    }

    private List<ImageSource> Sources(OwnerId owner, IReadOnlyList<string> paths) => [.. paths.Select(p => Source(owner, p))];

    /// <summary>An image under the owner, read when needed; a missing or oversized one reads as an I/O error.</summary>
    private ImageSource Source(OwnerId owner, string path) => new(path, async ct =>
    {
        var (bytes, error) = await images.ReadAsync(owner, path, ct).ConfigureAwait(false);
        return bytes ?? throw new IOException(error);
    });
}
