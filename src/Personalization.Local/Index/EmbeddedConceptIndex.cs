using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Storage;

namespace Personalization.Local.Index;

/// <summary>
/// The embedded index: exact cosine top-k per owner over normalised vectors (SIMD dot products), one JSON
/// file per owner under <c>{data}/owners/{owner}/concepts.json</c>. Writes go to a temporary file that is
/// then renamed over the old one (atomic on one file system), so a crash or a failed run never leaves a
/// half-written index; a lock file serialises writers across processes. Readers use immutable snapshots
/// and reload when another process has replaced the file. Thread-safe.
/// </summary>
public sealed class EmbeddedConceptIndex : IConceptIndex, IDisposable
{
    // A member that is missing or null where the records do not allow it makes the file damaged, not a crash later.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    // File times can be as coarse as a clock tick (ext4 before Linux 6.13) or seconds (FAT, HFS+), so a file
    // replaced within that window keeps its time. A snapshot loaded that soon after the file's time is not
    // trusted on the time alone (git's "racy" rule): it is reloaded until it was loaded well after the write.
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    // Inside the racy window a snapshot is re-read at most this often, so a burst of reads right after a write
    // (recognition just after enrolment) does not parse the file on every call.
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);
    private readonly string _root;
    private readonly ConcurrentDictionary<OwnerId, OwnerSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<OwnerId, SemaphoreSlim> _writers = new();

    public EmbeddedConceptIndex(IOptions<LocalDataOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(Path.Combine(options.Value.Directory, "owners"));
    }

    public async Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        foreach (var group in concepts.GroupBy(c => c.Owner))
        {
            // The last of several concepts with one name wins, as if they had been upserted in order.
            var batch = group.GroupBy(c => c.Name).Select(g => g.Last()).ToList();
            await MutateAsync(group.Key, list =>
            {
                list.RemoveAll(c => batch.Exists(b => b.Name.Equals(c.Name)));
                list.AddRange(batch);
                list.Sort((a, b) => string.CompareOrdinal(a.Name.Key, b.Name.Key));
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) =>
        MutateAsync(owner, list => list.RemoveAll(c => c.Name.Equals(name)) > 0, cancellationToken);

    public async Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).Concepts;

    public async Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return (await SnapshotAsync(owner, cancellationToken).ConfigureAwait(false)).Search(queries);
    }

    public void Dispose()
    {
        foreach (var gate in _writers.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<OwnerSnapshot> SnapshotAsync(OwnerId owner, CancellationToken cancellationToken)
    {
        var info = new FileInfo(FileOf(owner));
        var (time, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, 0L);
        if (_snapshots.TryGetValue(owner, out var cached) && cached.FileTimeUtc == time && cached.FileLength == length
            && (cached.LoadedAtUtc - time > RacyWindow || DateTime.UtcNow - cached.CheckedAtUtc < RecheckInterval))
        {
            return cached;
        }

        var loadedAt = DateTime.UtcNow;
        var loaded = time == DateTime.MinValue ? OwnerSnapshot.Empty : OwnerSnapshot.Create(await ReadAsync(info.FullName, cancellationToken).ConfigureAwait(false), time, loadedAt, length);
        _snapshots[owner] = loaded;
        return loaded;
    }

    private async Task<bool> MutateAsync(OwnerId owner, Func<List<Concept>, bool> change, CancellationToken cancellationToken)
    {
        var gate = _writers.GetOrAdd(owner, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = FileOf(owner);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var processLock = await AcquireFileLockAsync(file + ".lock", cancellationToken).ConfigureAwait(false);
            var list = File.Exists(file) ? (await ReadAsync(file, cancellationToken).ConfigureAwait(false)).ToList() : [];
            if (!change(list))
            {
                return false;
            }

            var writtenAt = DateTime.UtcNow;
            var temp = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await JsonSerializer.SerializeAsync(stream, list, Json, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, file, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            var written = new FileInfo(file);
            _snapshots[owner] = OwnerSnapshot.Create(list, written.LastWriteTimeUtc, writtenAt, written.Length);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<List<Concept>> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        try
        {
            return await JsonSerializer.DeserializeAsync<List<Concept>>(stream, Json, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (Exception e) when (e is JsonException or InvalidNameException)
        {
            throw new InvalidDataException($"the concept index file '{file}' is damaged: {e.Message}", e);
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string FileOf(OwnerId owner) => Path.Combine(_root, owner.Value, "concepts.json");
}
