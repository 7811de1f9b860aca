using System.Collections.Concurrent;
using Personalization.Core.Domain;
using Personalization.Local.Storage;

namespace Personalization.Local.Index;

/// <summary>
/// One data folder's concept indexes on disk: per owner a manifest naming append-only segments
/// (<see cref="ConceptManifest"/>, <see cref="ConceptSegmentFile"/>); where there is no manifest yet, the single
/// <c>concepts.json</c> of old is read, and the next write migrates it. A write stores only the concepts it changed, in
/// one new segment, then replaces the manifest; the segments read are kept by name, so a reader that meets a new manifest
/// reads only the segments it has not seen. Reads are thread-safe and need no lock; <see cref="CommitAsync"/> and
/// <see cref="Sweep"/> must run under the owner's lock.
/// </summary>
internal sealed class SegmentedConceptStore(OwnerDataPaths paths)
{
    // Each segment read or written, by file: its concepts by name (a reader picks the live ones without walking them all).
    private readonly ConcurrentDictionary<string, Dictionary<ConceptName, StoredConcept>> _segments = new(StringComparer.Ordinal);

    // The last index read or committed per owner: a manifest that names the same segments and concepts gives the same
    // list, without walking every concept again (a write under the lock re-reads only the small manifest).
    private readonly ConcurrentDictionary<OwnerId, StoredIndex> _last = new();

    /// <summary>Orders concepts by name key (ordinal), the order of the index's rows and of its ties.</summary>
    public static void SortByKey(List<StoredConcept> concepts) => SortByKey(concepts, c => c.Name);

    /// <summary>Orders concept records by name key (ordinal), as <see cref="SortByKey(List{StoredConcept})"/>.</summary>
    public static void SortByKey(List<Concept> concepts) => SortByKey(concepts, c => c.Name);

    private static void SortByKey<T>(List<T> concepts, Func<T, ConceptName> name)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var keys = new string[concepts.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = name(concepts[i]).Key;
        }

        var items = concepts.ToArray();
        Array.Sort(keys, items, StringComparer.Ordinal);
        concepts.Clear();
        concepts.AddRange(items);
    }

    /// <summary>The owner's concepts as last committed, ordered by name key.</summary>
    public async Task<StoredIndex> ReadAsync(OwnerId owner, CancellationToken cancellationToken)
    {
        var manifestFile = paths.ManifestFile(owner);
        long? missedAt = null;
        while (true)
        {
            if (!File.Exists(manifestFile))
            {
                try
                {
                    var legacy = paths.ConceptsFile(owner);
                    return File.Exists(legacy) ? new(null, Sorted([.. (await ConceptIndexFile.ReadAsync(legacy, owner, cancellationToken).ConfigureAwait(false)).Select(StoredConcept.Of)])) : new(null, []);
                }
                catch (FileNotFoundException) when (File.Exists(manifestFile))
                {
                    continue; // Migrated by a writer meanwhile.
                }
            }

            var manifest = await ConceptManifest.ReadAsync(manifestFile, owner, cancellationToken).ConfigureAwait(false);
            if (_last.TryGetValue(owner, out var last) && last.Manifest is { } known && Same(known, manifest))
            {
                return last;
            }

            try
            {
                var read = new StoredIndex(manifest, await LoadAsync(owner, manifest, cancellationToken).ConfigureAwait(false));
                _last[owner] = read;
                return read;
            }
            catch (FileNotFoundException e)
            {
                // A writer compacted after this manifest was read: the new one names what replaced the segment. The same
                // manifest missing a segment twice is damage.
                if (missedAt == manifest.Generation)
                {
                    throw ConceptIndexFile.DamagedStore(manifestFile, $"it names the segment '{Path.GetFileName(e.FileName) ?? "?"}', which is missing", e);
                }

                missedAt = manifest.Generation;
            }
        }
    }

    /// <summary>
    /// Commits <paramref name="next"/> (what <paramref name="current"/> became) as a new segment holding only the concepts
    /// that are not the very objects read, then a new manifest. Compaction goes with it (<see cref="SegmentMerge"/>).
    /// </summary>
    public async Task CommitAsync(OwnerId owner, StoredIndex current, IReadOnlyList<StoredConcept> next, CancellationToken cancellationToken)
    {
        var segments = current.Manifest?.Segments ?? [];
        var home = new Dictionary<ConceptName, int>();
        for (var i = 0; i < segments.Count; i++)
        {
            foreach (var name in segments[i].Concepts)
            {
                home[name] = i;
            }
        }

        var previous = current.Concepts.ToDictionary(c => c.Name);
        var kept = segments.Select(_ => new List<StoredConcept>()).ToArray();
        var written = new List<StoredConcept>();
        foreach (var concept in next)
        {
            var stays = home.TryGetValue(concept.Name, out var at) && previous.TryGetValue(concept.Name, out var was) && ReferenceEquals(was, concept);
            (stays ? kept[at] : written).Add(concept);
        }

        // What each segment still holds: what it held, less the concepts replaced or deleted now. Only those are walked:
        // summing every concept's vectors would touch each of them in memory.
        var staying = new HashSet<StoredConcept>(kept.SelectMany(k => k), ReferenceEqualityComparer.Instance);
        var live = segments.Select(s => s.LiveFloats).ToArray();
        foreach (var (name, was) in previous)
        {
            if (home.TryGetValue(name, out var i) && !staying.Contains(was))
            {
                live[i] -= was.Floats;
            }
        }

        var merged = SegmentMerge.Plan([.. segments.Select(s => s.Floats)], live, written.Sum(c => c.Floats));
        var generation = (current.Manifest?.Generation ?? 0) + 1;
        var after = Enumerable.Range(0, segments.Count).Where(i => !merged[i]).Select(i => segments[i] with { LiveFloats = live[i], Concepts = [.. kept[i].Select(c => c.Name)] }).ToList();
        written.AddRange(Enumerable.Range(0, segments.Count).Where(i => merged[i]).SelectMany(i => kept[i]));
        string? segmentFile = null;
        if (written.Count > 0)
        {
            var name = ConceptManifest.SegmentName(generation);
            segmentFile = paths.SegmentFile(owner, name);
            // A merged concept read from a directory is parsed here: its record is what the new segment holds.
            var (floats, checksum) = await ConceptSegmentFile.WriteAsync(segmentFile, [.. written.Select(c => c.Concept)], cancellationToken).ConfigureAwait(false);
            after.Add(new ManifestSegment(name, floats, floats, checksum, [.. written.Select(c => c.Name)]));
        }

        var committed = new ConceptManifest(ConceptManifest.CurrentFormat, owner, generation, after);
        await committed.WriteAsync(paths.ManifestFile(owner), cancellationToken).ConfigureAwait(false);
        var concepts = next.ToList();
        SortByKey(concepts);
        _last[owner] = new StoredIndex(committed, concepts);

        // Committed. What no manifest names any more goes; a reader that still wanted it reads the new manifest.
        if (segmentFile is not null)
        {
            _segments[segmentFile] = written.ToDictionary(c => c.Name);
        }

        Sweep(owner, after);
        if (current.Manifest is null)
        {
            // Migrated: the old single file is what this manifest was made from. (Left by a crash just before this line, it
            // stays, ignored: a concepts.json beside a manifest is never taken for garbage, it may be a backup put back.)
            TryDelete(paths.ConceptsFile(owner));
        }
    }

    /// <summary>Removes segment files the committed manifest does not name (a killed writer's, a compaction's) and a killed
    /// writer's temporary manifests. Without a manifest no segment goes: segments are only ever removed against the
    /// manifest that no longer names them.</summary>
    public void Sweep(OwnerId owner, IReadOnlyList<ManifestSegment>? segments)
    {
        var named = (segments ?? []).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(paths.ManifestFile(owner))!;
        var manifestTemp = Path.GetFileName(paths.ManifestFile(owner)) + ".";
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            var name = Path.GetFileName(file);
            var superseded = segments is not null && ConceptManifest.IsSegmentName(name) && !named.Contains(name);
            if (superseded || (name.StartsWith(manifestTemp, StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal)))
            {
                _segments.TryRemove(file, out _);
                TryDelete(file);
            }
        }
    }

    private static bool Same(ConceptManifest a, ConceptManifest b) =>
        a.Generation == b.Generation && a.Segments.Count == b.Segments.Count
        && a.Segments.Zip(b.Segments).All(p => p.First.Name == p.Second.Name && p.First.Concepts.SequenceEqual(p.Second.Concepts));

    private static List<StoredConcept> Sorted(List<StoredConcept> concepts)
    {
        SortByKey(concepts);
        return concepts;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next sweep: a file that cannot be removed now is no reason to fail a committed write.
        }
    }

    private async Task<List<StoredConcept>> LoadAsync(OwnerId owner, ConceptManifest manifest, CancellationToken cancellationToken)
    {
        var concepts = new List<StoredConcept>(manifest.Segments.Sum(s => s.Concepts.Count));
        foreach (var segment in manifest.Segments)
        {
            var file = paths.SegmentFile(owner, segment.Name);
            if (!_segments.TryGetValue(file, out var byName))
            {
                var read = await ConceptSegmentFile.ReadAsync(file, owner, segment.Floats, segment.Checksum, cancellationToken).ConfigureAwait(false);
                byName = new Dictionary<ConceptName, StoredConcept>(read.Count);
                foreach (var concept in read)
                {
                    if (!byName.TryAdd(concept.Name, concept))
                    {
                        throw ConceptIndexFile.DamagedStore(file, $"it holds <{concept.Name}> twice");
                    }
                }

                _segments[file] = byName;
            }

            foreach (var name in segment.Concepts)
            {
                concepts.Add(byName.TryGetValue(name, out var concept)
                    ? concept
                    : throw ConceptIndexFile.DamagedStore(paths.ManifestFile(owner), $"it names <{name}> in the segment '{segment.Name}', which does not hold it"));
            }
        }

        // Segments of this owner that this manifest no longer names: nobody reads them again.
        var prefix = Path.GetDirectoryName(paths.ManifestFile(owner))! + Path.DirectorySeparatorChar;
        var named = manifest.Segments.Select(s => paths.SegmentFile(owner, s.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in _segments.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !named.Contains(k)))
        {
            _segments.TryRemove(file, out _);
        }

        return Sorted(concepts);
    }
}

/// <summary>An owner's committed index: its manifest (null: none yet, or only the old single file) and its concepts by name key.</summary>
internal sealed record StoredIndex(ConceptManifest? Manifest, List<StoredConcept> Concepts);
