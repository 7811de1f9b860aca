using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

public static class ConceptIndexExtensions
{
    public static async Task<Concept?> GetAsync(this IConceptIndex index, OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        var all = await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Name.Equals(name));
    }
}
