using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using static Personalization.Core.Tests.Recognition.Evidence;

namespace Personalization.Core.Tests.Recognition;

/// <summary>
/// A caption answered offline because the VLM failed is said in the result, as the other stages say theirs
/// (it used to be in the log only): the reasoner records the fallback, the caption step picks it up for its item.
/// </summary>
public sealed class CaptionFallbackTests
{
    private static readonly OwnerId Alice = OwnerId.Parse("alice");

    [Fact]
    public async Task CaptionAsync_ReasonerFellBack_TheStepSaysWhyForThatItemOnly()
    {
        var usage = new ReasoningUsage();
        var steps = new DirectRecognitionSteps(new OneAnalysis(), new NoConcepts(), null!, new CaptionReasoner(usage), null!, CancellationToken.None);

        var results = await Task.WhenAll(
            steps.CaptionAsync(new CaptionStepInput(new ImageRef(Alice, "fails"), [])),
            steps.CaptionAsync(new CaptionStepInput(new ImageRef(Alice, "fine"), [])));

        Assert.Equal("offline fallback (model unavailable: HTTP 503)", results[0].Fallback);
        Assert.Equal("offline caption", results[0].Caption);
        Assert.Null(results[1].Fallback);
        Assert.Equal(1, usage.Snapshot()[ReasoningStages.Caption].Fallbacks);
    }

    [Fact]
    public async Task RunAsync_CaptionFellBack_IsInTheTrace()
    {
        var steps = new ScriptedRecognitionSteps { Retrieval = new([], [new BoundingBox(0, 0, 640, 480)]), CaptionFallback = "offline fallback (model unavailable: HTTP 503)" };

        var result = await RecognitionChain.RunAsync(steps, new ImageRef(Alice, "abc"), Thresholds);

        Assert.Equal("offline fallback (model unavailable: HTTP 503)", result.Trace.CaptionFallback);
        Assert.Equal("offline fallback (model unavailable: HTTP 503)", ResultDocument.From("x.jpg", result, null).Trace.CaptionFallback);
    }

    /// <summary>Falls back (as the VLM reasoner does: it records the fallback, then answers offline) for image "fails".</summary>
    private sealed class CaptionReasoner(ReasoningUsage usage) : IReasoner
    {
        public string Name => "scripted";

        public async Task<string> CaptionAsync(CaptionRequest request, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (request.Image.ContentHash == "fails")
            {
                usage.RecordFallback(ReasoningStages.Caption, "model unavailable: HTTP 503");
                return "offline caption";
            }

            return "model caption";
        }

        public Task<FingerprintProposal> FingerprintAsync(FingerprintRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AttributeReasoning> ReasonAsync(ReasoningRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PairwiseJudgement> ComparePairAsync(PairwiseRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class OneAnalysis : IImageAnalysisStore
    {
        public Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
            Task.FromResult<ImageAnalysis?>(new ImageAnalysis(contentHash, 640, 480, [], [], []));
    }

    private sealed class NoConcepts : IConceptIndex
    {
        public Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Concept>>([]);

        public Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
