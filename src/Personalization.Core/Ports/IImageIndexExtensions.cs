using Personalization.Core.Domain;
using Personalization.Core.Recognition;

namespace Personalization.Core.Ports;

public static class IImageIndexExtensions
{
    /// <summary>Records what recognition found in each image (the succeeded outcomes), under the path it was given as.</summary>
    public static Task UpsertRecognizedAsync(this IImageIndex index, OwnerId owner, IEnumerable<RecognitionOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(outcomes);
        var images = outcomes
            .Where(o => o.Result is not null && o.Analysis is not null)
            .Select(o => IndexedImage.From(owner, o.Id, o.Analysis!) with { Concepts = ConceptsOf(o.Result!) })
            .ToList();
        return images.Count == 0 ? Task.CompletedTask : index.UpsertAsync(images, cancellationToken);
    }

    /// <summary>
    /// <see cref="IImageIndex.FindAsync"/> as the owner's concepts are now: each photo lists only concepts still enrolled,
    /// and a concept that is not (forgotten, or never enrolled) has no photos, even where the index still names it.
    /// </summary>
    public static async Task<IReadOnlyList<FoundImage>> FindEnrolledAsync(
        this IImageIndex images, IConceptIndex concepts, OwnerId owner, ConceptName? concept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(concepts);
        var enrolled = (await concepts.ListAsync(owner, cancellationToken).ConfigureAwait(false)).Select(c => c.Name.Key).ToHashSet(StringComparer.Ordinal);
        if (concept is { } wanted && !enrolled.Contains(wanted.Key))
        {
            return [];
        }

        var found = await images.FindAsync(owner, concept, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. found.Select(f => f with { Concepts = [.. f.Concepts.Where(c => enrolled.Contains(c.Key))] })];
    }

    /// <summary>The concepts of a result as the index stores them: the answer first, then the others also present.</summary>
    public static IReadOnlyList<IndexedConcept> ConceptsOf(RecognitionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Recognized.Select(r => new IndexedConcept(r.Concept.Value, r.Confidence, r.Box))];
    }

    /// <summary>The confidence of <paramref name="concept"/> among an image's concepts (names compare case-insensitively), or null.</summary>
    public static float? ConfidenceOf(IReadOnlyList<IndexedConcept> concepts, ConceptName concept)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var hits = concepts.Where(c => c.Key == concept.Key).ToList();
        return hits.Count == 0 ? null : hits.Max(c => c.Confidence);
    }
}
