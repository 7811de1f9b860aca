using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// The reasoning stages of R2P (fingerprinting, attribute-focused reasoning, pairwise comparison) and the
/// personalised caption. The offline implementation uses encoder scores only; a VLM implementation
/// sits behind <c>IChatClient</c>. Thread-safe; holds no per-request state.
/// </summary>
public interface IReasoner
{
    /// <summary>A short name for traces: <c>offline</c>, or the provider and model.</summary>
    string Name { get; }

    Task<FingerprintProposal> FingerprintAsync(FingerprintRequest request, CancellationToken cancellationToken = default);

    Task<AttributeReasoning> ReasonAsync(ReasoningRequest request, CancellationToken cancellationToken = default);

    Task<PairwiseJudgement> ComparePairAsync(PairwiseRequest request, CancellationToken cancellationToken = default);

    Task<CaptionResult> CaptionAsync(CaptionRequest request, CancellationToken cancellationToken = default);
}

/// <param name="ReferenceImages">The reference photos' bytes, in the order of <paramref name="References"/>, for a
/// reasoner that looks at pixels (a VLM); null or shorter when not available.</param>
public sealed record FingerprintRequest(
    ConceptName Name,
    string Category,
    string? UserDescription,
    IReadOnlyList<string> UserAttributes,
    IReadOnlyList<ImageAnalysis> References,
    IReadOnlyList<ImageSource>? ReferenceImages = null);

/// <summary>A description and fingerprint attributes proposed from the reference photos, with where each came from.</summary>
public sealed record FingerprintProposal(string Description, IReadOnlyList<ProposedAttribute> Attributes);

public sealed record ProposedAttribute(string Text, string Source);

/// <param name="Candidates">The retrieved candidates with their concepts and retrieval scores, best first.</param>
/// <param name="QueryImage">The query's bytes, for a reasoner that looks at pixels; null when not available.</param>
public sealed record ReasoningRequest(ImageAnalysis Query, IReadOnlyList<CandidateContext> Candidates, ImageSource? QueryImage = null);

public sealed record CandidateContext(Concept Concept, Candidate Retrieval);

/// <summary>Per candidate the attributes judged visible in the query; then the chosen candidate, or none.</summary>
public sealed record AttributeReasoning(IReadOnlyList<CandidateAttributes> PerCandidate, ConceptName? Choice, string Rationale);

public sealed record CandidateAttributes(ConceptName Concept, IReadOnlyList<AttributeEvidence> Attributes, float Score)
{
    public IEnumerable<string> Visible => Attributes.Where(a => a.Visible).Select(a => a.Attribute);
}

/// <param name="Source">Where the attribute came from: <c>user</c> (what the user wrote) or what derived it (<c>detector</c>,
/// <c>classifier</c>, <c>color</c>, <c>vlm</c>); null where the evidence is not about a fingerprint attribute.</param>
public sealed record AttributeEvidence(string Attribute, float Score, bool Visible, string? Source = null);

/// <param name="QueryImage">The query's bytes, for a reasoner that looks at pixels.</param>
/// <param name="CandidateImage">The candidate's first reference photo, for a reasoner that looks at pixels.</param>
/// <param name="Retrieval">How retrieval scored the candidate, with its local-feature inliers; null when unknown.</param>
public sealed record PairwiseRequest(ImageAnalysis Query, Concept Candidate, ImageSource? QueryImage = null, ImageSource? CandidateImage = null, Candidate? Retrieval = null);

/// <param name="Probability">P(same object): P(Yes)/(P(Yes)+P(No)), or a calibrated similarity offline.</param>
public sealed record PairwiseJudgement(ConceptName Concept, float Probability, string Evidence);

/// <param name="OwnerConceptNames">All the owner's concept names: a caption must not use one as a plain word
/// (a category "dog" when the owner also has a concept named <c>dog</c>), or it would claim a concept it did not recognise.</param>
/// <param name="ImageBytes">The image's bytes, for a reasoner that looks at pixels.</param>
public sealed record CaptionRequest(
    ImageAnalysis Image,
    IReadOnlyList<RecognizedConcept> Concepts,
    IReadOnlyList<ConceptName>? OwnerConceptNames = null,
    ImageSource? ImageBytes = null);

public sealed record RecognizedConcept(Concept Concept, BoundingBox? Box, float Confidence);

/// <param name="Text">The caption.</param>
/// <param name="Source">Who wrote it: the reasoner's name, or <c>offline fallback (why)</c> when a VLM's captions were
/// unusable (none acceptable, the model unreachable, the budget spent); written to the result's trace.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(CaptionResultJsonConverter))]
public sealed record CaptionResult(string Text, string Source);
