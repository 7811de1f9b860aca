using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Local.Index;

/// <summary>
/// An immutable view of one owner's concepts with their vectors laid out contiguously for search.
/// Readers hold a snapshot; writers replace it whole, so a reader never sees a half-written concept.
/// </summary>
internal sealed class OwnerSnapshot
{
    private readonly Dictionary<int, (ReadOnlyMemory<float>[] Rows, int[] Concepts)> _descriptions;

    // Where each concept's rows start (one more entry: the end), and each concept's description vector.
    private readonly int[] _rowStart;
    private readonly ReadOnlyMemory<float>[] _descriptionOf;

    // The image rows' int8 copy, started by the first search (a write or a load that nobody searches pays nothing); null
    // where the scan is exact.
    private readonly QuantizedRowSetBuild? _quantized;

    private OwnerSnapshot(IReadOnlyList<StoredConcept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength, OwnerSnapshot? previous, bool quantize)
    {
        FileLength = fileLength;
        Stored = concepts;
        Concepts = new StoredConceptList(concepts);
        FileTimeUtc = fileTimeUtc;
        LoadedAtUtc = loadedAtUtc;

        // A concept that is the very object of the previous snapshot keeps its rows, copied as references; only the others
        // are walked. Walking every region of every concept after each write would touch every vector in memory (a
        // cache miss each: tens of milliseconds at 100k regions), copying their references touches none.
        var before = previous?.Stored.Count > 0 ? previous : null;
        var was = new Dictionary<StoredConcept, int>(before is null ? 0 : before.Stored.Count, ReferenceEqualityComparer.Instance);
        for (var j = 0; j < (before?.Stored.Count ?? 0); j++)
        {
            was[before!.Stored[j]] = j;
        }

        var at = new int[concepts.Count];
        _rowStart = new int[concepts.Count + 1];
        for (var c = 0; c < concepts.Count; c++)
        {
            at[c] = was.TryGetValue(concepts[c], out var j) ? j : -1;
            _rowStart[c + 1] = _rowStart[c] + (at[c] >= 0 ? before!._rowStart[j + 1] - before._rowStart[j] : concepts[c].ImageRows.Length);
        }

        ImageDimension = before?.ImageDimension ?? 0;
        ImageRows = new ReadOnlyMemory<float>[_rowStart[^1]];
        ImageOwners = new (ConceptName, int)[ImageRows.Length];
        _descriptionOf = new ReadOnlyMemory<float>[concepts.Count];
        for (var c = 0; c < concepts.Count; c++)
        {
            if (at[c] >= 0)
            {
                var from = before!._rowStart[at[c]];
                Array.Copy(before.ImageRows, from, ImageRows, _rowStart[c], _rowStart[c + 1] - _rowStart[c]);
                Array.Copy(before.ImageOwners, from, ImageOwners, _rowStart[c], _rowStart[c + 1] - _rowStart[c]);
                _descriptionOf[c] = before._descriptionOf[at[c]];
                continue;
            }

            var concept = concepts[c];
            var (row, region) = (_rowStart[c], 0);
            foreach (var vector in concept.ImageRows)
            {
                ImageDimension = row == 0 && ImageDimension == 0 ? vector.Length : ImageDimension;
                if (vector.Length != ImageDimension)
                {
                    throw new InvalidDataException("the owner's concepts mix image vectors of different sizes");
                }

                ImageRows[row] = vector;
                ImageOwners[row++] = (concept.Name, region++);
            }

            _descriptionOf[c] = concept.Description;
        }

        // Descriptions of each length apart, in concept order: a query is compared with those of its own length only.
        var descriptions = new Dictionary<int, (List<ReadOnlyMemory<float>> Rows, List<int> Concepts)>();
        for (var c = 0; c < concepts.Count; c++)
        {
            if (!descriptions.TryGetValue(_descriptionOf[c].Length, out var group))
            {
                descriptions[_descriptionOf[c].Length] = group = ([], []);
            }

            group.Rows.Add(_descriptionOf[c]);
            group.Concepts.Add(c);
        }

        _descriptions = descriptions.ToDictionary(d => d.Key, d => (d.Value.Rows.ToArray(), d.Value.Concepts.ToArray()));
        if (quantize && ImageRows.Length >= QuantizeFromRows)
        {
            // The concepts kept from the previous snapshot keep their int8 rows, if it made them; otherwise all are made
            // anew (so a snapshot never holds on to a chain of earlier ones).
            // Concepts whose segment holds their int8 rows take them from there (mapped, nothing to make).
            var earlier = before?._quantized?.Made;
            var (rows, dimension, rowStart) = (ImageRows, ImageDimension, _rowStart);
            var stored = new (QuantizedRows Block, int Start)?[concepts.Count];
            for (var c = 0; c < concepts.Count; c++)
            {
                stored[c] = concepts[c].Int8 is { } block && block.Dimension == dimension ? (block, concepts[c].Int8Start) : null;
            }

            var fresh = Enumerable.Range(0, concepts.Count).Where(c => (earlier is null || at[c] < 0) && stored[c] is null).Sum(c => _rowStart[c + 1] - _rowStart[c]);
            _quantized = new(() => QuantizedRowSet.Build(rows, dimension, rowStart, earlier, earlier is null ? null : at, stored), fresh);
        }
    }

    /// <summary>Makes what the searches use (the int8 copy of the image rows, where the scan goes through one) and waits for it.</summary>
    public Task PrepareAsync() => _quantized?.WaitAsync() ?? Task.CompletedTask;

    /// <summary>The int8 copy of the image rows (made now if it was not, waiting for it), or null where the scan is exact.</summary>
    internal QuantizedRowSet? Quantized => _quantized?.Wait();

    /// <summary>Below this many image rows the exact scan is as fast: nothing is quantised.</summary>
    public const int QuantizeFromRows = 1024;

    public static OwnerSnapshot Empty { get; } = new([], DateTime.MinValue, DateTime.MaxValue, 0, null, quantize: false);

    /// <summary>The concepts' records, each parsed when first read (<see cref="StoredConcept"/>).</summary>
    public IReadOnlyList<Concept> Concepts { get; }

    /// <summary>The concepts as the index holds them, by name key.</summary>
    public IReadOnlyList<StoredConcept> Stored { get; }

    public DateTime FileTimeUtc { get; }

    /// <summary>The file's length when read: a cheap second witness of a change when timestamps are coarse.</summary>
    public long FileLength { get; }

    /// <summary>When the file was read (or, for a writer's own snapshot, when writing began): before the content was taken.</summary>
    public DateTime LoadedAtUtc { get; }

    /// <summary>When this snapshot was made: a snapshot still inside the racy window is trusted for a short while after.</summary>
    public DateTime CheckedAtUtc { get; } = DateTime.UtcNow;

    public int ImageDimension { get; }

    /// <summary>All reference-region image vectors in concept order: the concepts' own vectors (views), not copies.</summary>
    public ReadOnlyMemory<float>[] ImageRows { get; }

    /// <summary>Which concept and region each row belongs to.</summary>
    public (ConceptName Concept, int Region)[] ImageOwners { get; }

    /// <summary>
    /// Exact top-k by dot product (the vectors are unit length: cosine) for each query, in order; ties keep the earlier
    /// region or concept. All image queries are scored in one pass over the region rows (their int8 copy, then an exact
    /// rescoring of a shortlist: <see cref="QuantizedScan"/>; or the float rows, while that copy is being made or where the
    /// scan is exact), and all description queries of one
    /// length in one pass over the descriptions (<see cref="MultiQueryScan"/>).
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

        List<(float[] Vector, int Top)> imageQueries = [.. images.Select(q => (queries[q].Vector, queries[q].Top))];
        var imageHits = images.Count > 0 && _quantized?.TryGet() is { } quantized
            ? QuantizedScan.Search(ImageRows, quantized, imageQueries, out _)
            : MultiQueryScan.Search(ImageRows, ImageDimension, imageQueries);
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
                results[asked[i]] = [.. hits[i].Select(x => new VectorHit(Stored[owners[x.Row]].Name, -1, x.Score))];
            }
        }

        return results;
    }

    /// <param name="previous">A snapshot of the same owner whose concept objects, where <paramref name="concepts"/> holds the
    /// same ones, keep their rows (null: walk every concept).</param>
    /// <param name="quantize">Search the image rows through their int8 copy with exact rescoring (<see cref="QuantizedScan"/>:
    /// the same hits, faster) once there are <see cref="QuantizeFromRows"/>; false: always the float scan.</param>
    public static OwnerSnapshot Of(IReadOnlyList<StoredConcept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength, OwnerSnapshot? previous = null, bool quantize = true) =>
        new(concepts, fileTimeUtc, loadedAtUtc, fileLength, previous, quantize);

    /// <summary>A snapshot of concept records in memory; a record of <paramref name="previous"/> (parsed there) keeps its rows.</summary>
    public static OwnerSnapshot Create(IReadOnlyList<Concept> concepts, DateTime fileTimeUtc, DateTime loadedAtUtc, long fileLength, OwnerSnapshot? previous = null, bool quantize = true)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var known = new Dictionary<Concept, StoredConcept>(ReferenceEqualityComparer.Instance);
        foreach (var stored in previous?.Stored ?? [])
        {
            if (stored.IsParsed)
            {
                known.TryAdd(stored.Concept, stored);
            }
        }

        return new([.. concepts.Select(c => known.GetValueOrDefault(c) ?? StoredConcept.Of(c))], fileTimeUtc, loadedAtUtc, fileLength, previous, quantize);
    }
}
