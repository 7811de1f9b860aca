using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Stores each owner's concepts and searches their vectors. Every call is scoped to one owner: no query
/// can see another owner's concepts. Upserts are keyed by (owner, name) and references by content hash,
/// so a retried enrolment never duplicates anything. Thread-safe; readers never see a half-written concept.
/// </summary>
public interface IConceptIndex
{
    /// <summary>Adds or replaces concepts (bulk enrolment writes them in one go); they may belong to several owners.</summary>
    Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default);

    /// <summary>Exact cosine top-k of the query vectors against the owner's reference-region image vectors
    /// and description text vectors; one result list per query, best first.</summary>
    Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default);
}

public enum VectorField
{
    /// <summary>Reference-region image vectors (image → image).</summary>
    ReferenceImage,

    /// <summary>Description text vectors (image → text).</summary>
    DescriptionText,
}

public sealed record VectorQuery(float[] Vector, VectorField Field, int Top);

/// <param name="RegionIndex">Which reference region matched, counted over all references; -1 for text hits.</param>
public sealed record VectorHit(ConceptName Concept, int RegionIndex, float Similarity);
