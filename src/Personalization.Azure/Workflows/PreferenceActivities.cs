using Personalization.Azure.Storage;

namespace Personalization.Azure.Workflows;

/// <summary>
/// What the preference activities do: the <see cref="PreferenceSteps"/> (which <c>personalize serve</c> runs in process
/// too), and the result blob. Thread-safe.
/// </summary>
public sealed class PreferenceActivities(PreferenceSteps steps, StorageClients storage)
{
    /// <inheritdoc cref="PreferenceSteps.PredictProfileAsync"/>
    public Task<ProfileStep> PredictProfileAsync(PredictProfileInput input, CancellationToken cancellationToken) => steps.PredictProfileAsync(input, cancellationToken);

    /// <inheritdoc cref="PreferenceSteps.AssessPairAsync"/>
    public Task<PairOutcome> AssessPairAsync(AssessPairInput input, CancellationToken cancellationToken) => steps.AssessPairAsync(input, cancellationToken);

    /// <summary>Writes <c>results/{owner}/_preferences/{requestId}.json</c>: the profile summary and every pair, in request order.</summary>
    public async Task<string> WriteResultAsync(PreferenceResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = BlobPaths.PreferenceResult(input.Owner, input.RequestId);
        await StorageJson.UploadAsync(storage.Results, name, PreferenceSteps.ResultDocument(input), StorageJson.Documents, cancellationToken).ConfigureAwait(false);
        return name;
    }
}
