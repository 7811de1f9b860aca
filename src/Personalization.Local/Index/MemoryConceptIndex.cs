using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Index;

/// <summary>
/// The embedded index's search (<see cref="OwnerSnapshot"/>, exact top-k) over concepts held in memory only: for
/// benchmarks that build owners of thousands of concepts, which the embedded index would write to its file on every
/// upsert. Nothing is persisted. Thread-safe: writers replace an owner's snapshot whole; readers keep the one they took.
/// </summary>
public sealed class MemoryConceptIndex : IConceptIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<OwnerId, OwnerSnapshot> _owners = [];

    public MemoryConceptIndex(IEnumerable<Concept>? concepts = null)
    {
        foreach (var group in (concepts ?? []).GroupBy(c => c.Owner))
        {
            _owners[group.Key] = Snapshot([.. group]);
        }
    }

    public Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        lock (_gate)
        {
            foreach (var group in concepts.GroupBy(c => c.Owner))
            {
                var list = Current(group.Key).Concepts.ToList();
                foreach (var concept in group)
                {
                    var at = list.FindIndex(c => c.Name.Equals(concept.Name));
                    if (at >= 0)
                    {
                        list[at] = concept;
                    }
                    else
                    {
                        list.Add(concept);
                    }
                }

                _owners[group.Key] = Snapshot(list);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var list = Current(owner).Concepts.ToList();
            if (list.RemoveAll(c => c.Name.Equals(name)) == 0)
            {
                return Task.FromResult(false);
            }

            _owners[owner] = Snapshot(list);
            return Task.FromResult(true);
        }
    }

    /// <returns>The owner's concepts in the order they were first upserted.</returns>
    public Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(owner).Concepts);

    public Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(owner).Search(queries));

    private static OwnerSnapshot Snapshot(List<Concept> concepts) => OwnerSnapshot.Create(concepts, DateTime.MinValue, DateTime.MaxValue, 0);

    private OwnerSnapshot Read(OwnerId owner)
    {
        lock (_gate)
        {
            return Current(owner);
        }
    }

    private OwnerSnapshot Current(OwnerId owner) => _owners.TryGetValue(owner, out var snapshot) ? snapshot : OwnerSnapshot.Empty;
}
