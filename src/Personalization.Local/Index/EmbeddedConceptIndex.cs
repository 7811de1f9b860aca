using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Storage;

namespace Personalization.Local.Index;

/// <summary>
/// The embedded index: exact cosine top-k per owner over normalised vectors (an int8 scan with an exact float rescoring
/// of its shortlist, or float SIMD dot products, <see cref="LocalDataOptions.QuantizedScan"/>; all of a photo's queries in
/// one pass), stored per owner under <c>{data}/owners/{owner}/</c> as a small manifest naming append-only
/// segment files of concepts and float32 vectors (<see cref="SegmentedConceptStore"/>; an old single
/// <c>concepts.json</c> is read as it is and migrated by the next write). Every write is a read-modify-write under the
/// owner's lock (<see cref="OwnerLock"/>: one writer at a time in this process and across processes) that writes only
/// the concepts it changed to a new segment, flushed, then renames a new manifest over the old one (atomic on one file
/// system), so a crash or a failed run never leaves a half-written index and no writer loses what another wrote. A file
/// that is not a valid index is damaged and never overwritten. The first time an instance touches an owner it sweeps what
/// crashes left (<see cref="OrphanSweeper"/>, unnamed segments) under that lock. Readers use immutable snapshots and
/// reload when another process has replaced the manifest, reading only the segments they have not seen. A segment read is
/// mapped, not copied: the concepts' vectors, the snapshot's rows and their int8 copy are views into it
/// (<see cref="MappedVectors"/>, <see cref="QuantizedRows"/>), and each concept's record is parsed from the segment's JSON
/// only when a caller reads it (<see cref="StoredConcept"/>): a load, a search, an upsert and a delete parse none.
/// Thread-safe.
/// </summary>
public sealed class EmbeddedConceptIndex : IConceptIndex, IConceptLookup, IDisposable
{
    // File times can be as coarse as a clock tick (ext4 before Linux 6.13) or seconds (FAT, HFS+), so a file
    // replaced within that window keeps its time. A snapshot loaded that soon after the file's time is not
    // trusted on the time alone (git's "racy" rule): it is reloaded until it was loaded well after the write.
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    // Inside the racy window a snapshot is re-read at most this often, so a burst of reads right after a write
    // (recognition just after enrolment) does not parse the file on every call.
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);
    private readonly OwnerDataPaths _paths;
    private readonly ConcurrentDictionary<OwnerId, OwnerSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<OwnerId, bool> _swept = new();
    private readonly SegmentedConceptStore _store;
    private readonly bool _quantizedScan;

    public EmbeddedConceptIndex(IOptions<LocalDataOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _paths = new OwnerDataPaths(options.Value.Directory);
        _store = new SegmentedConceptStore(_paths);
        _quantizedScan = options.Value.QuantizedScan;
    }

    public async Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        foreach (var group in concepts.GroupBy(c => c.Owner))
        {
            // The last of several concepts with one name wins, as if they had been upserted in order.
            var batch = group.GroupBy(c => c.Name).Select(g => g.Last()).ToList();
            var names = batch.Select(b => b.Name).ToHashSet();
            await MutateAsync(group.Key, (list, _) =>
            {
                list.RemoveAll(c => names.Contains(c.Name));
                list.AddRange(batch.Select(StoredConcept.Of));
                Sort(list);
                return Task.FromResult(true);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) =>
        MutateAsync(owner, (list, _) => Task.FromResult(list.RemoveAll(c => c.Name.Equals(name)) > 0), cancellationToken);

    /// <summary>The delete, the index write and <paramref name="afterDelete"/> all run under the owner's lock.</summary>
    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, Func<Concept, IReadOnlyList<Concept>, CancellationToken, Task> afterDelete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(afterDelete);
        Concept? deleted = null;
        return MutateAsync(
            owner,
            (list, _) =>
            {
                var stored = list.Find(c => c.Name.Equals(name));
                deleted = stored?.Concept;
                return Task.FromResult(stored is not null && list.Remove(stored));
            },
            cancellationToken,
            (list, token) => afterDelete(deleted!, new StoredConceptList(list), token));
    }

    /// <summary>The whole of it, <paramref name="change"/> included, runs under the owner's lock.</summary>
    public async Task<Concept?> UpdateAsync(OwnerId owner, ConceptName name, Func<Concept?, CancellationToken, Task<Concept?>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        Concept? written = null;
        await MutateAsync(owner, async (list, token) =>
        {
            var current = list.Find(c => c.Name.Equals(name));
            var updated = await change(current?.Concept, token).ConfigureAwait(false);
            if (updated is null)
            {
                return false;
            }

            if (updated.Owner != owner || !updated.Name.Equals(name))
            {
                throw new ArgumentException($"an update of <{name}> of {owner} returned <{updated.Name}> of {updated.Owner}", nameof(change));
            }

            list.RemoveAll(c => c.Name.Equals(name));
            list.Add(current is not null && ReferenceEquals(current.Concept, updated) ? current : StoredConcept.Of(updated));
            Sort(list);
            written = updated;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    public async Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).Concepts;

    /// <summary>Finds the concept by its name in the directory: only its record is parsed.</summary>
    public async Task<Concept?> FindAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        var stored = (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).Stored;
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].Name.Equals(name))
            {
                return stored[i].Concept;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).Search(queries);
    }

    /// <summary>
    /// Loads the owner and makes what its searches use, waiting for it: the first search after a load otherwise starts
    /// the int8 copy of the vectors in the background and goes on with the float scan (same hits, slower) until it is made.
    /// </summary>
    public async Task PrepareAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
        await (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).PrepareAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Nothing to release: the owner's lock is held only while a write runs, and the segment files a read mapped are
    /// released with the last concept or snapshot that views them (<see cref="SegmentMapping"/>), which may outlive this.
    /// </summary>
    public void Dispose()
    {
    }

    private static void Sort(List<StoredConcept> list) => SegmentedConceptStore.SortByKey(list);

    private async Task<OwnerSnapshot> SnapshotAsync(OwnerId owner, CancellationToken cancellationToken)
    {
        await SweepOnceAsync(owner, cancellationToken).ConfigureAwait(false);
        var manifest = new FileInfo(_paths.ManifestFile(owner));
        var info = manifest.Exists ? manifest : new FileInfo(_paths.ConceptsFile(owner));
        var (time, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, 0L);
        if (_snapshots.TryGetValue(owner, out var cached) && cached.FileTimeUtc == time && cached.FileLength == length
            && (cached.LoadedAtUtc - time > RacyWindow || DateTime.UtcNow - cached.CheckedAtUtc < RecheckInterval))
        {
            return cached;
        }

        var loadedAt = DateTime.UtcNow;
        var loaded = time == DateTime.MinValue ? OwnerSnapshot.Empty : OwnerSnapshot.Of((await _store.ReadAsync(owner, cancellationToken).ConfigureAwait(false)).Concepts, time, loadedAt, length, cached, _quantizedScan);
        _snapshots[owner] = loaded;
        return loaded;
    }

    /// <summary>
    /// A reader's first look at an owner sweeps what crashes left, when it can take the owner's lock at once; while
    /// another writer holds it the reader goes on without waiting and a later call (or that writer) sweeps.
    /// </summary>
    private async Task SweepOnceAsync(OwnerId owner, CancellationToken cancellationToken)
    {
        if (_swept.ContainsKey(owner))
        {
            return;
        }

        var file = _paths.ConceptsFile(owner);
        var folder = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(folder) && !Directory.Exists(_paths.ImagesDirectory(owner)))
        {
            return; // Nothing of this owner's here (yet): nothing to sweep, and no folder made for a mere read.
        }

        Directory.CreateDirectory(folder);
        await using var held = OwnerLock.TryAcquire(_paths.LockFile(owner));
        if (held is not null)
        {
            Sweep(owner, await _store.ReadAsync(owner, cancellationToken).ConfigureAwait(false), cancellationToken);
        }
    }

    private void Sweep(OwnerId owner, StoredIndex stored, CancellationToken cancellationToken)
    {
        if (!_swept.ContainsKey(owner))
        {
            OrphanSweeper.Sweep(_paths, owner, new StoredConceptList(stored.Concepts), cancellationToken);
            _store.Sweep(owner, stored.Manifest?.Segments);
            _swept[owner] = true;
        }
    }

    /// <param name="afterWrite">Runs after the index is written, still under the lock.</param>
    /// <param name="change">Changes the list of the owner's concepts (by name key; a concept read from a segment is parsed
    /// only when its <see cref="StoredConcept.Concept"/> is read); false: nothing to write.</param>
    private async Task<bool> MutateAsync(OwnerId owner, Func<List<StoredConcept>, CancellationToken, Task<bool>> change, CancellationToken cancellationToken, Func<List<StoredConcept>, CancellationToken, Task>? afterWrite = null)
    {
        var file = _paths.ConceptsFile(owner);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var held = await OwnerLock.AcquireAsync(_paths.LockFile(owner), cancellationToken).ConfigureAwait(false);
        var stored = await _store.ReadAsync(owner, cancellationToken).ConfigureAwait(false);
        Sweep(owner, stored, cancellationToken);
        var list = stored.Concepts.ToList();
        if (!await change(list, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var writtenAt = DateTime.UtcNow;
        await _store.CommitAsync(owner, stored, list, cancellationToken).ConfigureAwait(false);
        var written = new FileInfo(_paths.ManifestFile(owner));
        _snapshots[owner] = OwnerSnapshot.Of(list, written.LastWriteTimeUtc, writtenAt, written.Length, _snapshots.GetValueOrDefault(owner), _quantizedScan);
        if (afterWrite is not null)
        {
            await afterWrite(list, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
