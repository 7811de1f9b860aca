using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Index;

/// <summary>
/// An immutable view of one owner's concepts with their vectors laid out contiguously for search.
/// Readers hold a snapshot; writers replace it whole, so a reader never sees a half-written concept.
/// </summary>
internal sealed class OwnerSnapshot
{
    private readonly Dictionary<int, (float[][] Rows, int[] Concepts)> _descriptions;

    private OwnerSnapshot(IReadOnlyList<Concept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength)
    {
        FileLength = fileLength;
        Concepts = concepts;
        FileTimeUtc = fileTimeUtc;
        LoadedAtUtc = loadedAtUtc;
        // Plain loops: a writer builds one of these after every write, over all of the owner's regions.
        var count = 0;
        for (var c = 0; c < concepts.Count; c++)
        {
            foreach (var reference in concepts[c].References)
            {
                count += reference.Regions.Count;
            }
        }

        ImageRows = new float[count][];
        ImageOwners = new (ConceptName, int)[count];
        var row = 0;
        var descriptions = new Dictionary<int, (List<float[]> Rows, List<int> Concepts)>();
        for (var c = 0; c < concepts.Count; c++)
        {
            var concept = concepts[c];
            var region = 0;
            foreach (var reference in concept.References)
            {
                foreach (var r in reference.Regions)
                {
                    ImageDimension = row == 0 ? r.ImageVector.Length : ImageDimension;
                    if (r.ImageVector.Length != ImageDimension)
                    {
                        throw new InvalidDataException("the owner's concepts mix image vectors of different sizes");
                    }

                    ImageRows[row] = r.ImageVector;
                    ImageOwners[row++] = (concept.Name, region++);
                }
            }

            // Descriptions of each length apart, in concept order: a query is compared with those of its own length only.
            var length = concept.DescriptionVector.Length;
            if (!descriptions.TryGetValue(length, out var group))
            {
                descriptions[length] = group = ([], []);
            }

            group.Rows.Add(concept.DescriptionVector);
            group.Concepts.Add(c);
        }

        _descriptions = descriptions.ToDictionary(d => d.Key, d => (d.Value.Rows.ToArray(), d.Value.Concepts.ToArray()));
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

    /// <summary>All reference-region image vectors in concept order: the concepts' own arrays, not copies.</summary>
    public float[][] ImageRows { get; }

    /// <summary>Which concept and region each row belongs to.</summary>
    public (ConceptName Concept, int Region)[] ImageOwners { get; }

    /// <summary>
    /// Exact top-k by dot product (the vectors are unit length: cosine) for each query, in order; ties keep the earlier
    /// region or concept. All image queries are scored in one pass over the region rows, and all description queries of
    /// one length in one pass over the descriptions (<see cref="MultiQueryScan"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<VectorHit>> Search(IReadOnlyList<VectorQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var results = new IReadOnlyList<VectorHit>[queries.Count];
        var images = new List<int>();
        var descriptions = new Dictionary<int, List<int>>();
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            switch (query.Field)
            {
                case VectorField.ReferenceImage when ImageDimension > 0 && query.Vector.Length == ImageDimension:
                    images.Add(q);
                    break;
                case VectorField.DescriptionText when _descriptions.ContainsKey(query.Vector.Length):
                    (descriptions.TryGetValue(query.Vector.Length, out var list) ? list : descriptions[query.Vector.Length] = []).Add(q);
                    break;
                case VectorField.ReferenceImage or VectorField.DescriptionText:
                    results[q] = [];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(queries), query.Field, "unknown vector field");
            }
        }

        var imageHits = MultiQueryScan.Search(ImageRows, ImageDimension, [.. images.Select(q => (queries[q].Vector, queries[q].Top))]);
        for (var i = 0; i < images.Count; i++)
        {
            results[images[i]] = [.. imageHits[i].Select(x => new VectorHit(ImageOwners[x.Row].Concept, ImageOwners[x.Row].Region, x.Score))];
        }

        foreach (var (dimension, asked) in descriptions)
        {
            var (rows, owners) = _descriptions[dimension];
            var hits = MultiQueryScan.Search(rows, dimension, [.. asked.Select(q => (queries[q].Vector, queries[q].Top))]);
            for (var i = 0; i < asked.Count; i++)
            {
                results[asked[i]] = [.. hits[i].Select(x => new VectorHit(Concepts[owners[x.Row]].Name, -1, x.Score))];
            }
        }

        return results;
    }

    public static OwnerSnapshot Create(IReadOnlyList<Concept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength) => new(concepts, fileTimeUtc, loadedAtUtc, fileLength);
}
