using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// The steps of the recognition chain. The chain (<see cref="RecognitionChain"/>) is written once against
/// this: the local runner implements it with direct calls, the durable orchestrator with activity calls.
/// Inputs and outputs are small records (references and scores, never pixels or vectors), so they can be
/// recorded in an orchestration's history. Steps take no cancellation token because orchestrator code
/// cannot; the local implementation carries its run's token itself.
/// </summary>
public interface IRecognitionSteps
{
    Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input);

    Task<AttributeReasoning> ReasonAttributesAsync(ReasonStepInput input);

    Task<VerificationStep> VerifyAsync(VerifyStepInput input);

    Task<PairwiseJudgement> ComparePairAsync(PairStepInput input);

    Task<CaptionResult> CaptionAsync(CaptionStepInput input);
}

/// <summary>A stored image analysis of one owner.</summary>
public sealed record ImageRef(OwnerId Owner, string ContentHash);

public sealed record RetrieveStepInput(ImageRef Image, int TopK, int HitsPerRegion, float TextWeight);

/// <param name="QueryRegions">The query's region boxes, by region index.</param>
/// <param name="RegionSources">What each region is (<c>image</c>, <c>detection</c>, <c>tile</c>), by region index; null when
/// unknown.</param>
/// <param name="PixelScale">Decoded pixels per original pixel of the query (<see cref="ImageAnalysis.PixelScale"/>); null when unknown.</param>
public sealed record RetrievalStep(IReadOnlyList<Candidate> Candidates, IReadOnlyList<BoundingBox> QueryRegions, IReadOnlyList<string>? RegionSources = null, double? PixelScale = null);

public sealed record ReasonStepInput(ImageRef Image, IReadOnlyList<Candidate> Candidates);

/// <summary>The attributes reasoning claims are visible for one candidate, to be checked against the image.</summary>
public sealed record AttributeClaim(ConceptName Concept, IReadOnlyList<string> Attributes, int QueryRegion);

public sealed record VerifyStepInput(ImageRef Image, IReadOnlyList<AttributeClaim> Claims);

public sealed record VerificationStep(IReadOnlyList<CandidateVerification> Candidates);

/// <param name="Score">Mean text-image similarity of the claimed attributes; null when nothing was claimed.</param>
public sealed record CandidateVerification(ConceptName Concept, float? Score, IReadOnlyList<AttributeEvidence> Attributes);

/// <param name="Retrieval">The candidate as retrieval scored it (with its local-feature evidence), when known.</param>
public sealed record PairStepInput(ImageRef Image, ConceptName Candidate, Candidate? Retrieval = null);

public sealed record CaptionStepInput(ImageRef Image, IReadOnlyList<RecognizedRef> Concepts);

public sealed record RecognizedRef(ConceptName Concept, BoundingBox? Box, float Confidence);
