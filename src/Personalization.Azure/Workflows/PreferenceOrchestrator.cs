using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>
/// PreferThinker's predict-then-assess as an orchestration: one activity predicts and stores the profile, one per
/// candidate pair judges it (in parallel), one writes the verdicts, then <c>preference.completed</c> is emitted.
/// Without a profile every pair gets the reason instead of a verdict. Deterministic; replay-safe.
/// </summary>
public sealed class PreferenceOrchestrator : TaskOrchestrator<PreferenceRequest, PreferenceSummary>
{
    public override async Task<PreferenceSummary> RunAsync(TaskOrchestrationContext context, PreferenceRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var profile = await context.CallActivityAsync<ProfileStep>(
            nameof(PredictProfile), new PredictProfileInput(input.Owner, input.Liked, input.Disliked), ActivityRetry.Default);
        PairOutcome[] outcomes;
        if (profile.Error is { } error)
        {
            outcomes = [.. input.Pairs.Select(p => new PairOutcome(p, null, $"no profile: {error}"))];
        }
        else
        {
            outcomes = await Task.WhenAll(input.Pairs.Select(p =>
                context.CallActivityAsync<PairOutcome>(nameof(AssessPair), new AssessPairInput(input.Owner, p), ActivityRetry.Default)));
        }

        var resultBlob = await context.CallActivityAsync<string>(
            nameof(WritePreferenceResult), new PreferenceResultInput(input.Owner, input.RequestId, profile, outcomes), ActivityRetry.Default);
        await context.CallActivityAsync(
            nameof(PublishResultEvent),
            new ResultEvent("preference.completed", input.Owner, input.RequestId, resultBlob, null, null, null),
            ActivityRetry.Default);
        var judged = outcomes.Count(o => o.Verdict is not null);
        return new PreferenceSummary(input.Owner, input.RequestId, outcomes.Length, judged, outcomes.Length - judged, resultBlob);
    }
}
