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

    /// <summary>
    /// Deletes the concept, then runs <paramref name="afterDelete"/> with it and the owner's remaining concepts (to drop
    /// photos no concept uses any more). An index that can lock the owner runs both under the owner's lock, after the
    /// index is written, so no enrolment can come between the decision and the deletion; this default has no lock.
    /// </summary>
    /// <returns>False when the owner has no such concept (and <paramref name="afterDelete"/> does not run).</returns>
    async Task<bool> DeleteAsync(OwnerId owner, ConceptName name, Func<Concept, IReadOnlyList<Concept>, CancellationToken, Task> afterDelete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(afterDelete);
        if (await this.GetAsync(owner, name, cancellationToken).ConfigureAwait(false) is not { } concept
            || !await DeleteAsync(owner, name, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await afterDelete(concept, await ListAsync(owner, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A read-modify-write of one concept: reads the owner's concept of that name (null when there is none), lets
    /// <paramref name="change"/> compute what replaces it, and writes that (null: write nothing). An index that can
    /// lock the owner (the embedded one: in this process and across processes) runs all of it under the owner's lock,
    /// so no other writer comes between the read and the write and nothing another writer added is lost;
    /// <paramref name="change"/> must not write to this index itself. This default has no lock: read, then write.
    /// </summary>
    /// <returns>What was written, or null when <paramref name="change"/> wrote nothing.</returns>
    async Task<Concept?> UpdateAsync(OwnerId owner, ConceptName name, Func<Concept?, CancellationToken, Task<Concept?>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var existing = await this.GetAsync(owner, name, cancellationToken).ConfigureAwait(false);
        var updated = await change(existing, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
        {
            await UpsertAsync([updated], cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>The owner's concepts. The list never changes once handed out (a change to the library gives a new list), so
    /// what is derived from it can be kept with it (<see cref="Recognition.OwnerCentring.Library"/>).</summary>
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
