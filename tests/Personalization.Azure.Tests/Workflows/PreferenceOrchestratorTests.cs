using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Azure.Tests.Workflows;

/// <summary>
/// The preference orchestration's control flow run for real on the in-process durable backend, with scripted
/// activities (the real ones run end to end in the worker tests).
/// </summary>
public sealed class PreferenceOrchestratorTests
{
    private static readonly OwnerId Dana = OwnerId.Parse("dana");

    private sealed class Script(string? profileError)
    {
        public ConcurrentBag<CandidatePair> Assessed { get; } = [];

        public ConcurrentBag<PreferenceResultInput> Written { get; } = [];

        public ConcurrentBag<ResultEvent> Published { get; } = [];

        public void Register(DurableTaskRegistry registry) => registry
            .AddOrchestrator<PreferenceOrchestrator>(OrchestrationNames.JudgePreferences)
            .AddActivityFunc<PredictProfileInput, ProfileStep>(nameof(PredictProfile), (_, input) => profileError is null
                ? new ProfileStep("offline-centroids-v1", input.Liked.Count, input.Disliked.Count, [new(PreferenceDimension.Color, ["Blush Pink"], ["Electric Lime"], 0.7)], [], null)
                : ProfileStep.Failed(profileError, [new ItemFailure(input.Liked[0], "not a supported image format")]))
            .AddActivityFunc<AssessPairInput, PairOutcome>(nameof(AssessPair), (_, input) =>
            {
                Assessed.Add(input.Pair);
                return input.Pair.B.Contains("bad", StringComparison.Ordinal)
                    ? new PairOutcome(input.Pair, null, $"candidate {input.Pair.B}: not a supported image format")
                    : new PairOutcome(input.Pair, new PreferenceVerdict(input.Pair.A, input.Pair.B, "A", 0.8, [], true, "scripted", "likes Blush Pink"), null);
            })
            .AddActivityFunc<PreferenceResultInput, string>(nameof(WritePreferenceResult), (_, input) =>
            {
                Written.Add(input);
                return $"{input.Owner}/_preferences/{input.RequestId}.json";
            })
            .AddActivityFunc<ResultEvent, bool>(nameof(PublishResultEvent), (_, input) =>
            {
                Published.Add(input);
                return true;
            });
    }

    [Fact]
    public async Task RunAsync_ThreePairsOneUnreadable_JudgesEachPairInOrderAndPublishes()
    {
        var script = new Script(profileError: null);
        await using var host = await DurableTaskTestHost.StartAsync(script.Register);
        var request = new PreferenceRequest(Dana, "req1", ["liked/1.png"], ["disliked/1.png"], [new("a1.png", "b1.png"), new("a2.png", "bad.png"), new("a3.png", "b3.png")]);

        var (status, summary) = await RunAsync(host, request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status);
        Assert.Equal(new PreferenceSummary(Dana, "req1", 3, 2, 1, "dana/_preferences/req1.json"), summary);
        Assert.Equal(3, script.Assessed.Count);
        var written = Assert.Single(script.Written);
        Assert.Equal(["a1.png", "a2.png", "a3.png"], written.Pairs.Select(p => p.Pair.A));
        Assert.Contains("not a supported image format", written.Pairs[1].Error, StringComparison.Ordinal);
        Assert.Equal("A", written.Pairs[2].Verdict!.Preferred);
        var published = Assert.Single(script.Published);
        Assert.Equal(("preference.completed", Dana, "req1", "dana/_preferences/req1.json"), (published.Type, published.Owner, published.Subject, published.ResultBlob));
    }

    [Fact]
    public async Task RunAsync_NoProfile_JudgesNothingAndWritesTheReasonForEveryPair()
    {
        var script = new Script(profileError: "none of the liked images could be read, so no profile was made");
        await using var host = await DurableTaskTestHost.StartAsync(script.Register);
        var request = new PreferenceRequest(Dana, "req2", ["liked/corrupt.png"], [], [new("a1.png", "b1.png"), new("a2.png", "b2.png")]);

        var (status, summary) = await RunAsync(host, request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status);
        Assert.Equal((2, 0, 2), (summary.Pairs, summary.Judged, summary.Failed));
        Assert.Empty(script.Assessed);
        var written = Assert.Single(script.Written);
        Assert.All(written.Pairs, p => Assert.StartsWith("no profile: none of the liked images", p.Error, StringComparison.Ordinal));
        Assert.Equal("liked/corrupt.png", Assert.Single(written.Profile.Failures).Path);
        Assert.Single(script.Published);
    }

    private static async Task<(OrchestrationRuntimeStatus Status, PreferenceSummary Summary)> RunAsync(DurableTaskTestHost host, PreferenceRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.JudgePreferences, request, timeout.Token);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        return (metadata.RuntimeStatus, metadata.ReadOutputAs<PreferenceSummary>()!);
    }
}
