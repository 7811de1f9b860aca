using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// A concept index held in memory, for benchmarks whose owners have thousands of concepts with local features: the
/// embedded index would write them all to its file on every upsert. Exact cosine top-k, as the embedded index searches.
/// Thread-safe (one lock; searches copy nothing but the list they read).
/// </summary>
internal sealed class InMemoryConceptIndex : IConceptIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<OwnerId, List<Concept>> _owners = [];

    public InMemoryConceptIndex(IEnumerable<Concept>? concepts = null)
    {
        foreach (var group in (concepts ?? []).GroupBy(c => c.Owner))
        {
            _owners[group.Key] = [.. group];
        }
    }

    public Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        lock (_gate)
        {
            foreach (var concept in concepts)
            {
                var list = _owners.TryGetValue(concept.Owner, out var l) ? l : _owners[concept.Owner] = [];
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
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_owners.TryGetValue(owner, out var list) && list.RemoveAll(c => c.Name.Equals(name)) > 0);
        }
    }

    /// <returns>The owner's concepts in the order they were first upserted.</returns>
    public Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(Snapshot(owner));

    public Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var concepts = Snapshot(owner);
        var results = new IReadOnlyList<VectorHit>[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            var top = new PriorityQueue<VectorHit, float>(query.Top + 1);
            foreach (var concept in concepts)
            {
                switch (query.Field)
                {
                    case VectorField.ReferenceImage:
                        var region = 0;
                        foreach (var r in concept.AllRegions)
                        {
                            if (r.ImageVector.Length == query.Vector.Length)
                            {
                                Offer(top, new VectorHit(concept.Name, region, TensorPrimitives.Dot(query.Vector, r.ImageVector)), query.Top);
                            }

                            region++;
                        }

                        break;
                    case VectorField.DescriptionText when concept.DescriptionVector.Length == query.Vector.Length:
                        Offer(top, new VectorHit(concept.Name, -1, TensorPrimitives.Dot(query.Vector, concept.DescriptionVector)), query.Top);
                        break;
                    case VectorField.DescriptionText:
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(queries), query.Field, "unknown vector field");
                }
            }

            var best = new VectorHit[top.Count];
            for (var k = best.Length - 1; k >= 0; k--)
            {
                best[k] = top.Dequeue();
            }

            results[q] = best;
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyList<VectorHit>>>(results);
    }

    /// <summary>Keeps the <paramref name="top"/> most similar hits (the queue's head is the least similar kept).</summary>
    private static void Offer(PriorityQueue<VectorHit, float> queue, VectorHit hit, int top)
    {
        if (queue.Count < top)
        {
            queue.Enqueue(hit, hit.Similarity);
        }
        else if (top > 0 && hit.Similarity > queue.Peek().Similarity)
        {
            queue.DequeueEnqueue(hit, hit.Similarity);
        }
    }

    private IReadOnlyList<Concept> Snapshot(OwnerId owner)
    {
        lock (_gate)
        {
            return _owners.TryGetValue(owner, out var list) ? [.. list] : [];
        }
    }
}
