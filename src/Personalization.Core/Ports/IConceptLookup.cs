using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// What a concept index may also do: find one concept by name without reading the others (the embedded index keeps each
/// concept's record unparsed until it is asked for). <see cref="ConceptIndexExtensions.GetAsync"/> uses it where the
/// index offers it.
/// </summary>
public interface IConceptLookup
{
    /// <returns>The owner's concept of that name, or null.</returns>
    Task<Concept?> FindAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default);
}
