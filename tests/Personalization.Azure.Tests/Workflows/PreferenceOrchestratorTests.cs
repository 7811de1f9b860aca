using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Tests.Workflows;

public sealed class PreferenceOrchestratorTests
{
    [Fact]
    public async Task RunAsync_TwoPairs_PredictsOnceAssessesEachPairAndPublishes()
    {
        var published = new List<ResultEvent>();
        var assessed = new System.Collections.Concurrent.ConcurrentBag<CandidatePair>();
        await using var host = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestrator<PreferenceOrchestrator>(ActivityNames.JudgePreferences)
            .AddActivityFunc<PredictProfileInput, PreferenceProfile>(ActivityNames.PredictProfile, (_, input) =>
                new PreferenceProfile([new PreferenceDimension("color", ["Blush Pink"], ["Electric Lime"])]))
            .AddActivityFunc<AssessPairInput, PreferenceVerdict>(ActivityNames.AssessPair, (_, input) =>
            {
                assessed.Add(input.Pair);
                return new PreferenceVerdict(input.Pair, "A", 0.8f, $"likes {input.Profile.Dimensions[0].Likes[0]}");
            })
            .AddActivityFunc<PreferenceResultInput, string>(ActivityNames.WritePreferenceResult, (_, input) => $"{input.Owner}/_preferences/{input.RequestId}.json")
            .AddActivityFunc<ResultEvent, bool>(ActivityNames.PublishResultEvent, (_, input) =>
            {
                published.Add(input);
                return true;
            }));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new PreferenceRequest(OwnerId.Parse("dana"), "req1", ["liked/1.png"], ["disliked/1.png"], [new("a1.png", "b1.png"), new("a2.png", "b2.png")]);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.JudgePreferences, request, timeout.Token);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("dana/_preferences/req1.json", metadata.ReadOutputAs<string>());
        Assert.Equal(2, assessed.Count);
        Assert.Equal("preference.completed", Assert.Single(published).Type);
    }
}
