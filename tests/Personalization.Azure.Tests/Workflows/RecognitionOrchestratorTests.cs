using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Xunit.Abstractions;

namespace Personalization.Azure.Tests.Workflows;

/// <summary>The recognition orchestration run for real by the in-process durable host, with scripted activities.</summary>
public sealed class RecognitionOrchestratorTests(ITestOutputHelper output)
{
    private static readonly OwnerId Alice = OwnerId.Parse("alice");
    private static readonly ChainThresholds Thresholds = new(TopK: 3, HitsPerRegion: 10, TextWeight: 0.3f, RejectBelow: 0.58f, AcceptAbove: 0.64f, PairwiseAccept: 0.5f);

    [Fact]
    public async Task RunAsync_VerificationDisagrees_FansOutPairwiseAndIsReplaySafe()
    {
        var script = new ChainScript(reasoningChoice: "bo", verifiedBest: "teapot", pairwise: new() { ["bo"] = 0.2f, ["teapot"] = 0.9f });
        var replays = 0;
        await using var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestratorFunc<RecognitionRequest, RecognitionSummary>(OrchestrationNames.RecognizeImage, async (context, input) =>
            {
                Interlocked.Increment(ref replays);
                return await new RecognitionOrchestrator().RunAsync(context, input);
            });
            script.Register(registry);
        });

        var clock = Stopwatch.StartNew();
        var metadata = await RunAsync(host.Client, new RecognitionRequest(new ImageRef(Alice, "hash1"), "trip/1.jpg", Thresholds));
        output.WriteLine($"recognition orchestration with pairwise fan-out: {clock.ElapsedMilliseconds} ms, {replays} orchestrator executions");

        var summary = metadata.ReadOutputAs<RecognitionSummary>()!;
        Assert.Equal("teapot", summary.Concept);
        Assert.Equal(DecisionStages.Pairwise, summary.Stage);
        Assert.Equal("alice/trip/1.jpg.json", summary.ResultBlob);
        Assert.Equal(["bo", "teapot"], script.Compared.Order(StringComparer.Ordinal));
        var written = Assert.Single(script.Written);
        Assert.Equal(2, written.Result.Trace.Pairwise!.Count);
        Assert.Equal("recognition.completed", Assert.Single(script.Published).Type);

        // Replay safety: the orchestrator ran once per history episode (more than once), each activity exactly once.
        Assert.True(replays > 1, $"expected replays, saw {replays} executions");
        Assert.Equal(1, script.Calls[nameof(RetrieveCandidates)]);
        Assert.Equal(1, script.Calls[nameof(ReasonAttributes)]);
        Assert.Equal(1, script.Calls[nameof(VerifyCrossModal)]);
        Assert.Equal(2, script.Calls[nameof(ComparePair)]);
        Assert.Equal(1, script.Calls[nameof(WriteCaption)]);
        Assert.Equal(1, script.Calls[nameof(WriteResult)]);
    }

    [Fact]
    public async Task RunAsync_VerificationAgrees_StopsWithoutPairwise()
    {
        var script = new ChainScript(reasoningChoice: "bo", verifiedBest: "bo", pairwise: []);
        await using var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator<RecognitionOrchestrator>(OrchestrationNames.RecognizeImage);
            script.Register(registry);
        });

        var metadata = await RunAsync(host.Client, new RecognitionRequest(new ImageRef(Alice, "hash2"), "2.jpg", Thresholds));

        var summary = metadata.ReadOutputAs<RecognitionSummary>()!;
        Assert.Equal("bo", summary.Concept);
        Assert.Equal(DecisionStages.Verification, summary.Stage);
        Assert.Empty(script.Compared);
        Assert.False(script.Calls.ContainsKey(nameof(ComparePair)));
    }

    [Fact]
    public async Task RunAsync_ThirtyTwoAtOnce_EachCompletesWithItsOwnResultAndActivitiesOnce()
    {
        // Also the figure in README "Speed of the worker": run with --logger "console;verbosity=detailed" to see the
        // time, with and without DOTNET_PROCESSOR_COUNT=16 (the in-memory backend's concurrency is the processor count).
        var script = new ChainScript(reasoningChoice: "bo", verifiedBest: "bo", pairwise: []);
        await using var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator<RecognitionOrchestrator>(OrchestrationNames.RecognizeImage);
            script.Register(registry);
        });

        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => RunAsync(host.Client, new RecognitionRequest(new ImageRef(Alice, $"hash-{i}"), $"many/{i}.jpg", Thresholds), TimeSpan.FromSeconds(240))));
        output.WriteLine($"32 recognition orchestrations at once, scripted activities: {clock.ElapsedMilliseconds} ms with {Environment.ProcessorCount} work items at a time");

        Assert.Equal(Enumerable.Range(0, 32).Select(i => $"alice/many/{i}.jpg.json"), runs.Select(m => m.ReadOutputAs<RecognitionSummary>()!.ResultBlob));
        Assert.Equal(32, script.Calls[nameof(RetrieveCandidates)]);
        Assert.Equal(32, script.Written.Count);
    }

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, RecognitionRequest request, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        var id = await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.RecognizeImage, request, timeout.Token);
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString());
        return metadata;
    }

    /// <summary>Scripted chain activities: two candidates, a reasoning choice, a verification winner, pairwise probabilities.</summary>
    internal sealed class ChainScript(string reasoningChoice, string verifiedBest, Dictionary<string, float> pairwise)
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new();

        public ConcurrentBag<string> Compared { get; } = [];

        public ConcurrentBag<WriteResultInput> Written { get; } = [];

        public ConcurrentBag<ResultEvent> Published { get; } = [];

        public void Register(DurableTaskRegistry registry)
        {
            registry.AddActivityFunc<RetrieveStepInput, RetrievalStep>(nameof(RetrieveCandidates), (_, input) =>
            {
                Count(nameof(RetrieveCandidates));
                if (input.Image.ContentHash == "boom")
                {
                    throw new InvalidOperationException("index unavailable");
                }

                return new RetrievalStep(
                    [new Candidate(ConceptName.Parse("bo"), 0.70f, 0.7f, 0.6f, 0, 0), new Candidate(ConceptName.Parse("teapot"), 0.66f, 0.6f, 0.5f, 1, 0)],
                    [new BoundingBox(0, 0, 10, 10), new BoundingBox(5, 5, 20, 20)]);
            });
            registry.AddActivityFunc<UploadStepInput<ReasonStepInput>, AttributeReasoning>(nameof(ReasonAttributes), (_, upload) =>
            {
                var input = upload.Step;
                Count(nameof(ReasonAttributes));
                return new AttributeReasoning(
                    [.. input.Candidates.Select(c => new CandidateAttributes(c.Concept, [new AttributeEvidence("red collar", 0.6f, true)], 0.6f))],
                    ConceptName.Parse(reasoningChoice),
                    "scripted");
            });
            registry.AddActivityFunc<VerifyStepInput, VerificationStep>(nameof(VerifyCrossModal), (_, input) =>
            {
                Count(nameof(VerifyCrossModal));
                return new VerificationStep([.. input.Claims.Select(c => new CandidateVerification(c.Concept, c.Concept.Value == verifiedBest ? 0.9f : 0.1f, []))]);
            });
            registry.AddActivityFunc<UploadStepInput<PairStepInput>, PairwiseJudgement>(nameof(ComparePair), (_, upload) =>
            {
                var input = upload.Step;
                Count(nameof(ComparePair));
                Compared.Add(input.Candidate.Value);
                return new PairwiseJudgement(input.Candidate, pairwise[input.Candidate.Value], "scripted");
            });
            registry.AddActivityFunc<UploadStepInput<CaptionStepInput>, CaptionResult>(nameof(WriteCaption), (_, upload) =>
            {
                var input = upload.Step;
                Count(nameof(WriteCaption));
                return new CaptionResult($"A photo of {string.Join(" and ", input.Concepts.Select(c => $"<{c.Concept}>"))}.", "scripted");
            });
            registry.AddActivityFunc<WriteResultInput, string>(nameof(WriteResult), (_, input) =>
            {
                Count(nameof(WriteResult));
                Written.Add(input);
                return $"{input.Result.Owner}/{input.BlobPath}.json";
            });
            registry.AddActivityFunc<ResultEvent, bool>(nameof(PublishResultEvent), (_, input) =>
            {
                Published.Add(input);
                return true;
            });
        }

        private void Count(string name) => Calls.AddOrUpdate(name, 1, (_, n) => n + 1);
    }
}
