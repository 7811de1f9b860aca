using System.Numerics.Tensors;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Index;

/// <summary>
/// An immutable view of one owner's concepts with their vectors laid out contiguously for search.
/// Readers hold a snapshot; writers replace it whole, so a reader never sees a half-written concept.
/// </summary>
internal sealed class OwnerSnapshot
{
    private OwnerSnapshot(IReadOnlyList<Concept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength)
    {
        FileLength = fileLength;
        Concepts = concepts;
        FileTimeUtc = fileTimeUtc;
        LoadedAtUtc = loadedAtUtc;
        var regions = concepts.SelectMany(c => c.AllRegions.Select((r, i) => (c.Name, Index: i, r.ImageVector))).ToList();
        ImageDimension = regions.Count > 0 ? regions[0].ImageVector.Length : 0;
        ImageRows = new float[regions.Count * ImageDimension];
        ImageOwners = new (ConceptName, int)[regions.Count];
        for (var i = 0; i < regions.Count; i++)
        {
            if (regions[i].ImageVector.Length != ImageDimension)
            {
                throw new InvalidDataException("the owner's concepts mix image vectors of different sizes");
            }

            regions[i].ImageVector.CopyTo(ImageRows.AsSpan(i * ImageDimension));
            ImageOwners[i] = (regions[i].Name, regions[i].Index);
        }
    }

    public static OwnerSnapshot Empty { get; } = new([], DateTime.MinValue, DateTime.MaxValue, 0);

    public IReadOnlyList<Concept> Concepts { get; }

    public DateTime FileTimeUtc { get; }

    /// <summary>The file's length when read: a cheap second witness of a change when timestamps are coarse.</summary>
    public long FileLength { get; }

    /// <summary>When the file was read (or, for a writer's own snapshot, when writing began): before the content was taken.</summary>
    public DateTime LoadedAtUtc { get; }

    /// <summary>When this snapshot was made: a snapshot still inside the racy window is trusted for a short while after.</summary>
    public DateTime CheckedAtUtc { get; } = DateTime.UtcNow;

    public int ImageDimension { get; }

    /// <summary>All reference-region image vectors, row after row.</summary>
    public float[] ImageRows { get; }

    /// <summary>Which concept and region each row belongs to.</summary>
    public (ConceptName Concept, int Region)[] ImageOwners { get; }

    /// <summary>Exact top-k by dot product (the vectors are unit length: cosine) for each query, in order.</summary>
    public IReadOnlyList<IReadOnlyList<VectorHit>> Search(IReadOnlyList<VectorQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var results = new IReadOnlyList<VectorHit>[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            results[q] = queries[q].Field switch
            {
                VectorField.ReferenceImage => SearchImages(queries[q]),
                VectorField.DescriptionText => SearchDescriptions(queries[q]),
                _ => throw new ArgumentOutOfRangeException(nameof(queries), queries[q].Field, "unknown vector field"),
            };
        }

        return results;
    }

    public static OwnerSnapshot Create(IReadOnlyList<Concept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength) => new(concepts, fileTimeUtc, loadedAtUtc, fileLength);

    private List<VectorHit> SearchImages(VectorQuery query)
    {
        var d = ImageDimension;
        if (d == 0 || query.Vector.Length != d)
        {
            return [];
        }

        var top = new TopK(query.Top);
        var rows = ImageRows.AsSpan();
        for (var i = 0; i < ImageOwners.Length; i++)
        {
            top.Offer(i, TensorPrimitives.Dot(query.Vector, rows.Slice(i * d, d)));
        }

        return [.. top.Best().Select(x => new VectorHit(ImageOwners[x.Index].Concept, ImageOwners[x.Index].Region, x.Score))];
    }

    private List<VectorHit> SearchDescriptions(VectorQuery query)
    {
        var top = new TopK(query.Top);
        for (var i = 0; i < Concepts.Count; i++)
        {
            var v = Concepts[i].DescriptionVector;
            if (v.Length == query.Vector.Length)
            {
                top.Offer(i, TensorPrimitives.Dot(query.Vector, v));
            }
        }

        return [.. top.Best().Select(x => new VectorHit(Concepts[x.Index].Name, -1, x.Score))];
    }
}
