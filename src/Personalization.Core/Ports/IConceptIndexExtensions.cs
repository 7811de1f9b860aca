using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

public static class ConceptIndexExtensions
{
    public static Task UpsertAsync(this IConceptIndex index, Concept concept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(concept);
        return index.UpsertAsync([concept], cancellationToken);
    }

    public static async Task<Concept?> GetAsync(this IConceptIndex index, OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index is IConceptLookup lookup)
        {
            return await lookup.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        }

        var all = await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Name.Equals(name));
    }
}
