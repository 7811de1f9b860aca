using System.Collections;
using Personalization.Core.Domain;

namespace Personalization.Local.Index;

/// <summary>
/// An owner's concepts as <see cref="IReadOnlyList{T}"/> of records over its <see cref="StoredConcept"/>s: a concept is
/// parsed only when its element is read (and kept), so a caller that looks at a few concepts parses only those.
/// </summary>
internal sealed class StoredConceptList(IReadOnlyList<StoredConcept> stored) : IReadOnlyList<Concept>
{
    public static StoredConceptList Empty { get; } = new([]);

    public int Count => stored.Count;

    public Concept this[int index] => stored[index].Concept;

    public IEnumerator<Concept> GetEnumerator()
    {
        for (var i = 0; i < stored.Count; i++)
        {
            yield return stored[i].Concept;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
