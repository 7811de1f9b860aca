namespace Personalization.Core.Domain;

/// <summary>A concept retrieved for a query, with the two halves of R2P's score and where it matched.</summary>
/// <param name="Score">s = ½·image-image + ½·image-text.</param>
/// <param name="QueryRegion">Index of the query region that matched best.</param>
/// <param name="ReferenceRegion">Index of the concept's reference region that matched best, over all its references.</param>
public sealed record Candidate(ConceptName Concept, float Score, float ImageSimilarity, float TextSimilarity, int QueryRegion, int ReferenceRegion);
