using System.Collections.Concurrent;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Core.Tests.Recognition;

/// <summary>
/// A hand-written step runner that answers each step from a script and records every call, so the chain's
/// control flow (which steps run, with what input, in what order) can be checked without any models.
/// Each step completes asynchronously, as a real activity would.
/// </summary>
internal sealed class ScriptedRecognitionSteps : IRecognitionSteps
{
    public required RetrievalStep Retrieval { get; init; }

    public AttributeReasoning? Reasoning { get; init; }

    public IReadOnlyList<CandidateVerification> Verification { get; init; } = [];

    public IReadOnlyDictionary<string, float> PairwiseProbabilities { get; init; } = new Dictionary<string, float>();

    public string Caption { get; init; } = "scripted caption";

    /// <summary>Step names in call order (ComparePair calls may interleave: they run concurrently).</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public List<RetrieveStepInput> RetrieveInputs { get; } = [];

    public List<ReasonStepInput> ReasonInputs { get; } = [];

    public List<VerifyStepInput> VerifyInputs { get; } = [];

    public ConcurrentBag<PairStepInput> PairInputs { get; } = [];

    public List<CaptionStepInput> CaptionInputs { get; } = [];

    public async Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input)
    {
        await Task.Yield();
        Calls.Enqueue(nameof(RetrieveAsync));
        RetrieveInputs.Add(input);
        return Retrieval;
    }

    public async Task<AttributeReasoning> ReasonAttributesAsync(ReasonStepInput input)
    {
        await Task.Yield();
        Calls.Enqueue(nameof(ReasonAttributesAsync));
        ReasonInputs.Add(input);
        return Reasoning ?? throw new InvalidOperationException("the script has no reasoning step");
    }

    public async Task<VerificationStep> VerifyAsync(VerifyStepInput input)
    {
        await Task.Yield();
        Calls.Enqueue(nameof(VerifyAsync));
        VerifyInputs.Add(input);
        return new VerificationStep(Verification);
    }

    public async Task<PairwiseJudgement> ComparePairAsync(PairStepInput input)
    {
        await Task.Yield();
        Calls.Enqueue(nameof(ComparePairAsync));
        PairInputs.Add(input);
        var p = PairwiseProbabilities.TryGetValue(input.Candidate.Key, out var value)
            ? value
            : throw new InvalidOperationException($"the script has no pairwise probability for <{input.Candidate}>");
        return new PairwiseJudgement(input.Candidate, p, $"scripted p = {p}");
    }

    public async Task<string> CaptionAsync(CaptionStepInput input)
    {
        await Task.Yield();
        Calls.Enqueue(nameof(CaptionAsync));
        CaptionInputs.Add(input);
        return Caption;
    }
}
