using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>
/// PreferThinker's predict-then-assess as an orchestration: one activity predicts the profile, one per candidate
/// pair assesses it (in parallel), one writes the verdicts and emits <c>preference.completed</c>. The activities
/// come with the preference issue; until then only the tests register them.
/// </summary>
public sealed class PreferenceOrchestrator : TaskOrchestrator<PreferenceRequest, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, PreferenceRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var profile = await context.CallActivityAsync<PreferenceProfile>(
            ActivityNames.PredictProfile, new PredictProfileInput(input.Owner, input.Liked, input.Disliked), ActivityRetry.Default);
        var pending = input.Pairs
            .Select(p => context.CallActivityAsync<PreferenceVerdict>(ActivityNames.AssessPair, new AssessPairInput(input.Owner, profile, p), ActivityRetry.Default))
            .ToList();
        var verdicts = await Task.WhenAll(pending);
        var resultBlob = await context.CallActivityAsync<string>(
            ActivityNames.WritePreferenceResult, new PreferenceResultInput(input.Owner, input.RequestId, profile, verdicts), ActivityRetry.Default);
        await context.CallActivityAsync(
            ActivityNames.PublishResultEvent,
            new ResultEvent("preference.completed", input.Owner, input.RequestId, resultBlob, null, null, null),
            ActivityRetry.Default);
        return resultBlob;
    }
}
