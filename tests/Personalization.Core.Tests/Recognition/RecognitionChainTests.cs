using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using static Personalization.Core.Tests.Recognition.Evidence;

namespace Personalization.Core.Tests.Recognition;

/// <summary>The chain is pure control flow over its steps, so it runs here against scripted steps.</summary>
public sealed class RecognitionChainTests
{
    private static readonly ImageRef Image = new(OwnerId.Parse("alice"), "abc123");

    private static readonly BoundingBox[] Regions =
    [
        new(0, 0, 640, 480),
        new(10, 20, 100, 120),
        new(300, 200, 80, 60),
    ];

    [Fact]
    public async Task RunAsync_NoCandidates_IsRejectedAtRetrievalWithoutReasoning()
    {
        var steps = new ScriptedRecognitionSteps { Retrieval = new([], Regions) };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Rejected, result.Stage);
        Assert.Null(result.Concept);
        Assert.Null(result.Box);
        Assert.Equal(0f, result.Score);
        Assert.Contains("no concepts enrolled", result.Trace.Decision, StringComparison.Ordinal);
        Assert.Equal(["RetrieveAsync", "CaptionAsync"], steps.Calls);
    }

    [Fact]
    public async Task RunAsync_CaptionFromAFallback_TheResultsTraceSaysWhoWroteTheCaption()
    {
        const string Why = "offline fallback (malformed answer after a repair request: no acceptable caption in 3 candidate(s): named <bobsecret>, which was not recognised in this photo)";
        var steps = new ScriptedRecognitionSteps { Retrieval = new([], Regions), CaptionSource = Why };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(Why, result.Trace.CaptionSource);
        Assert.Equal("scripted caption", result.Caption);
    }

    [Theory]
    [InlineData("\"A photo of <bo>.\"", "A photo of <bo>.", CaptionResultJsonConverter.UnknownSource)]
    [InlineData("{\"Text\": \"A photo of <bo>.\", \"Source\": \"offline\"}", "A photo of <bo>.", "offline")]
    [InlineData("{\"text\": \"A photo of <bo>.\", \"source\": \"offline\"}", "A photo of <bo>.", "offline")]
    public void CaptionResult_FromAnOldStringOrTheObject_ReadsBack(string json, string text, string source)
    {
        var caption = System.Text.Json.JsonSerializer.Deserialize<CaptionResult>(json)!;

        Assert.Equal(new CaptionResult(text, source), caption);
        Assert.Equal(caption, System.Text.Json.JsonSerializer.Deserialize<CaptionResult>(System.Text.Json.JsonSerializer.Serialize(caption)));
    }

    [Fact]
    public async Task RunAsync_TopScoreBelowRejectBelow_IsRejectedAtRetrieval()
    {
        var steps = new ScriptedRecognitionSteps { Retrieval = new([Candidate("bo", 0.40f), Candidate("mochi", 0.30f)], Regions) };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Rejected, result.Stage);
        Assert.Null(result.Concept);
        Assert.Equal("scripted caption", result.Caption);
        Assert.Equal("best retrieval score 0.400 for <bo> is below 0.55", result.Trace.Decision);
        Assert.Equal(0.40f, result.Score);
        Assert.Null(result.Trace.Reasoning);
        Assert.Null(result.Trace.Verification);
        Assert.Null(result.Trace.Pairwise);
        Assert.Equal(2, result.Trace.Candidates.Count);
        Assert.Equal(["RetrieveAsync", "CaptionAsync"], steps.Calls);
        Assert.Empty(Assert.Single(steps.CaptionInputs).Concepts);
    }

    [Fact]
    public async Task RunAsync_AnyOutcome_TheTraceSaysWhatEachCandidatesQueryRegionWas()
    {
        // What a replay of the trace needs (scripts/replay-thresholds.py --region-bonus): each region's box, kind and scale.
        string[] sources = ["image", "detection", "proposal"];
        var steps = new ScriptedRecognitionSteps { Retrieval = new([Candidate("bo", 0.40f)], Regions, sources, 0.5) };

        var trace = (await RecognitionChain.RunAsync(steps, Image, Thresholds)).Trace;

        Assert.Equal(Regions, trace.QueryRegions);
        Assert.Equal(sources, trace.RegionSources);
        Assert.Equal(0.5, trace.PixelScale);
    }

    [Fact]
    public async Task RunAsync_Always_PassesTheThresholdsAndImageToRetrieval()
    {
        var steps = new ScriptedRecognitionSteps { Retrieval = new([], Regions) };

        await RecognitionChain.RunAsync(steps, Image, Thresholds with { TopK = 5, HitsPerRegion = 7, TextWeight = 0.25f });

        var input = Assert.Single(steps.RetrieveInputs);
        Assert.Equal(new RetrieveStepInput(Image, 5, 7, 0.25f), input);
    }

    [Fact]
    public async Task RunAsync_VerificationAgrees_AcceptsWithoutPairwise()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.80f, queryRegion: 1), Candidate("mochi", 0.65f, queryRegion: 2)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true), ("long tail", false)), Attributes("mochi", ("spout", true))),
            Verification = [Verified("bo", 0.6f), Verified("mochi", 0.3f)],
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Verification, result.Stage);
        Assert.Equal(Name("bo"), result.Concept);
        Assert.Equal(0.80f, result.Score);
        Assert.Equal(Regions[1], result.Box);
        Assert.Equal(Image.Owner, result.Owner);
        Assert.Equal(Image.ContentHash, result.ContentHash);
        Assert.Equal(["RetrieveAsync", "ReasonAttributesAsync", "VerifyAsync", "CaptionAsync"], steps.Calls);
        Assert.Empty(steps.PairInputs);
        Assert.Null(result.Trace.Pairwise);
        Assert.NotNull(result.Trace.Reasoning);
        Assert.Equal(2, result.Trace.Verification!.Count);

        // Reasoning saw the retrieved candidates; verification checked only the attributes reasoning saw.
        Assert.Equal(2, Assert.Single(steps.ReasonInputs).Candidates.Count);
        var claims = Assert.Single(steps.VerifyInputs).Claims;
        Assert.Equal(["red collar"], claims.Single(c => c.Concept.Equals(Name("bo"))).Attributes);
        Assert.Equal(1, claims.Single(c => c.Concept.Equals(Name("bo"))).QueryRegion);

        var recognized = Assert.Single(Assert.Single(steps.CaptionInputs).Concepts);
        Assert.Equal(new RecognizedRef(Name("bo"), Regions[1], 0.80f), recognized);
    }

    [Fact]
    public async Task RunAsync_VerificationDisagrees_ComparesEveryCandidateOnceAndAcceptsTheBestPair()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.80f, queryRegion: 1), Candidate("mochi", 0.75f, queryRegion: 2), Candidate("kiki", 0.60f)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true)), Attributes("mochi", ("spout", true)), Attributes("kiki", ("stripes", true))),
            Verification = [Verified("bo", 0.2f), Verified("mochi", 0.5f), Verified("kiki", 0.1f)],
            PairwiseProbabilities = new Dictionary<string, float> { ["bo"] = 0.30f, ["mochi"] = 0.90f, ["kiki"] = 0.40f },
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Pairwise, result.Stage);
        Assert.Equal(Name("mochi"), result.Concept);
        Assert.Equal(0.90f, result.Score);
        Assert.Equal(Regions[2], result.Box);
        Assert.Equal(
            new[] { "bo", "kiki", "mochi" },
            steps.PairInputs.Select(p => p.Candidate.Key).Order(StringComparer.Ordinal));
        Assert.All(steps.PairInputs, p => Assert.Equal(Image, p.Image));
        Assert.Equal(3, result.Trace.Pairwise!.Count);
        Assert.Equal("CaptionAsync", steps.Calls.Last());
        Assert.Equal(new RecognizedRef(Name("mochi"), Regions[2], 0.90f), Assert.Single(Assert.Single(steps.CaptionInputs).Concepts));
    }

    [Fact]
    public async Task RunAsync_AgreedButBelowAcceptAbove_FallsBackToPairwise()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.58f, queryRegion: 1)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true))),
            Verification = [Verified("bo", 0.7f)],
            PairwiseProbabilities = new Dictionary<string, float> { ["bo"] = 0.65f },
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Pairwise, result.Stage);
        Assert.Equal(Name("bo"), result.Concept);
        Assert.Equal(0.65f, result.Score);
        Assert.Single(steps.PairInputs);
    }

    [Fact]
    public async Task RunAsync_PairwiseAllBelowThreshold_IsRejectedAfterPairwise()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.80f, queryRegion: 1), Candidate("mochi", 0.70f)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true)), Attributes("mochi", ("spout", true))),
            Verification = [Verified("bo", 0.1f), Verified("mochi", 0.4f)],
            PairwiseProbabilities = new Dictionary<string, float> { ["bo"] = 0.45f, ["mochi"] = 0.20f },
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Rejected, result.Stage);
        Assert.Null(result.Concept);
        Assert.Null(result.Box);
        Assert.Equal(0.45f, result.Score); // a rejection reports the best score that fell short
        Assert.Equal(2, steps.PairInputs.Count);
        Assert.Equal(2, result.Trace.Pairwise!.Count);
        Assert.Equal("verification did not confirm reasoning; best pairwise probability 0.450 for <bo> is below 0.50", result.Trace.Decision);
        Assert.Empty(Assert.Single(steps.CaptionInputs).Concepts);
    }

    [Fact]
    public async Task RunAsync_ReasoningChoosesNobody_FallsBackToPairwise()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.90f)], Regions),
            Reasoning = Reasoning(null, Attributes("bo")),
            Verification = [Verified("bo", null)],
            PairwiseProbabilities = new Dictionary<string, float> { ["bo"] = 0.95f },
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Pairwise, result.Stage);
        Assert.Equal(Name("bo"), result.Concept);
        Assert.Equal(Regions[0], result.Box);
    }

    [Fact]
    public async Task RunAsync_WinnerRegionOutsideQueryRegions_HasNoBox()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.90f, queryRegion: 7)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true))),
            Verification = [Verified("bo", 0.6f)],
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(DecisionStages.Verification, result.Stage);
        Assert.Null(result.Box);
    }

    [Fact]
    public async Task RunAsync_SecondConfidentConceptElsewhere_IsNamedAlsoPresentAndCaptioned()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.80f, queryRegion: 1), Candidate("mochi", 0.75f, queryRegion: 2), Candidate("dog2", 0.74f, queryRegion: 1)], Regions),
            Reasoning = Reasoning("bo", Attributes("bo", ("red collar", true)), Attributes("mochi", ("spout", true)), Attributes("dog2", ("collar", true))),
            Verification = [Verified("bo", 0.6f), Verified("mochi", 0.3f), Verified("dog2", 0.2f)],
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds);

        Assert.Equal(Name("bo"), result.Concept);
        Assert.Equal([new RecognizedRef(Name("mochi"), Regions[2], 0.75f)], result.AlsoPresent);
        Assert.Equal([Name("bo"), Name("mochi")], result.Recognized.Select(r => r.Concept));
        Assert.Equal([Name("bo"), Name("mochi")], Assert.Single(steps.CaptionInputs).Concepts.Select(c => c.Concept));
        Assert.Contains("also present: <mochi> (0.750)", result.Trace.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Rejected_NamesNothingAlsoPresent()
    {
        var steps = new ScriptedRecognitionSteps
        {
            Retrieval = new([Candidate("bo", 0.50f, queryRegion: 1), Candidate("mochi", 0.45f, queryRegion: 2)], Regions),
        };

        var result = await RecognitionChain.RunAsync(steps, Image, Thresholds with { AlsoPresentAbove = 0.4f });

        Assert.Null(result.Concept);
        Assert.Null(result.AlsoPresent);
        Assert.Empty(result.Recognized);
    }
}
