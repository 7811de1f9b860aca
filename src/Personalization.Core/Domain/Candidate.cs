namespace Personalization.Core.Domain;

/// <summary>A concept retrieved for a query, with the two halves of R2P's score and where it matched.</summary>
/// <param name="Score">s = ½·image-image + ½·image-text.</param>
/// <param name="QueryRegion">Index of the query region that matched best.</param>
/// <param name="ReferenceRegion">Index of the concept's reference region that matched best, over all its references.</param>
/// <param name="Inliers">Local-feature matches consistent with one similarity transform, best over the concept's
/// references (0 when not verified).</param>
/// <param name="MatchedBox">Where those inliers put the concept in the query (original pixels); null without a match.</param>
/// <param name="GlobalScore">The fused global score before local evidence (and the lead's bonus) were added (equal to
/// <paramref name="Score"/> without them).</param>
/// <param name="Margin">For the best candidate, when <c>Recognition:MarginWeight</c> is on: its lead over the next concept
/// (or over the floor), of which that weight was added to <paramref name="Score"/>; null otherwise.</param>
/// <param name="BoxRegion">When the best region is a grid tile or the whole photo (a place to look, not an object): the
/// object region (a detection or a proposal) that scores nearly as well (<c>Recognition:ObjectBoxTolerance</c>), whose box
/// is shown instead; null otherwise.</param>
/// <param name="RegionBonus">What the matched region's image similarity gained for being small (blurred when enlarged to the
/// encoder's input: <c>Recognition:SmallRegionBonus</c>); included in <paramref name="Score"/>, not in
/// <paramref name="ImageSimilarity"/>.</param>
/// <param name="CentredScore">Its score in the owner-centred space (image vectors less the mean of the owner's rooms,
/// <c>Recognition:CentredRanking</c>) plus the local evidence in <paramref name="Score"/>: what chose the first candidate.
/// Null when centring is off or the room rule excluded every region there.</param>
public sealed record Candidate(
    ConceptName Concept,
    float Score,
    float ImageSimilarity,
    float TextSimilarity,
    int QueryRegion,
    int ReferenceRegion,
    int Inliers = 0,
    BoundingBox? MatchedBox = null,
    float? GlobalScore = null,
    float? Margin = null,
    int? BoxRegion = null,
    float RegionBonus = 0,
    float? CentredScore = null)
{
    /// <summary>The query region whose box shows where the concept is: <see cref="BoxRegion"/>, else <see cref="QueryRegion"/>.</summary>
    public int ShownRegion => BoxRegion ?? QueryRegion;
}
