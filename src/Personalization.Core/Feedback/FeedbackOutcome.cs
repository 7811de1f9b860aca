using Personalization.Core.Domain;

namespace Personalization.Core.Feedback;

/// <summary>The concept after a confirmation or rejection.</summary>
/// <param name="ContentHash">The photo's content hash (the key of the reference or negative).</param>
/// <param name="Changed">False when the feedback was already there: nothing was written.</param>
/// <param name="DroppedReferences">Confirmed references removed: by the bound, or (for a rejection) the same region confirmed before.</param>
/// <param name="DroppedNegatives">Hard negatives removed: by the bound, or (for a confirmation) the same region rejected before.</param>
public sealed record FeedbackOutcome(Concept Concept, string ContentHash, bool Changed, int DroppedReferences = 0, int DroppedNegatives = 0)
{
    /// <summary>Whether the photo is now one of the concept's references (a confirmation too like the others is dropped at once).</summary>
    public bool IsReference => Concept.References.Any(r => r.ContentHash == ContentHash);
}
