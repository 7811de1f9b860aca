using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Personalization.Azure.Http;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary>
/// <c>serve</c>'s <see cref="IPhotoSubmissions"/> and <see cref="IJobStatuses"/>: a submitted photo is stored under the
/// owner's uploads and queued on a bounded channel that <see cref="RecognitionQueueWorker"/> drains (a full queue makes the
/// upload wait, so memory stays bounded: the queue holds paths, not bytes). Job ids are the cloud's
/// (<see cref="BlobPaths.RecognitionInstanceId"/>): the same bytes at the same path queued or done already start nothing new.
/// Job state lives in memory, for this process's lifetime. Thread-safe.
/// </summary>
internal sealed class RecognitionQueue(ServeDataPaths paths) : IPhotoSubmissions, IJobStatuses
{
    public const int Capacity = 64;

    private readonly Channel<QueuedPhoto> _channel = Channel.CreateBounded<QueuedPhoto>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly ConcurrentDictionary<string, JobEntry> _jobs = new(StringComparer.Ordinal);

    public ChannelReader<QueuedPhoto> Reader => _channel.Reader;

    public async Task<string> SubmitAsync(OwnerId owner, string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var id = BlobPaths.RecognitionInstanceId(owner, path, BlobPaths.ContentHash(bytes.Span));
        var entry = new JobEntry(owner, path);
        if (!_jobs.TryAdd(id, entry))
        {
            var existing = _jobs[id];
            if (existing.Status != JobStates.Failed || !_jobs.TryUpdate(id, entry, existing))
            {
                return id; // queued, running or done already
            }
        }

        await AtomicFile.WriteAsync(paths.Upload(owner, path), bytes, cancellationToken).ConfigureAwait(false);
        await _channel.Writer.WriteAsync(new QueuedPhoto(id, owner, path), cancellationToken).ConfigureAwait(false);
        return id;
    }

    public Task<JobStatus?> GetAsync(OwnerId owner, string instanceId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(instanceId, out var job) || !job.Owner.Equals(owner))
        {
            return Task.FromResult<JobStatus?>(null);
        }

        var output = job.Status == JobStates.Completed
            ? new JsonObject { ["result"] = $"owners/{owner}/results/{job.Path}", ["concept"] = job.Concept }
            : null;
        return Task.FromResult<JobStatus?>(new JobStatus(instanceId, job.Status, null, output, job.Error));
    }

    /// <summary>Records what became of a job (the worker's side).</summary>
    public void Mark(string instanceId, string status, string? concept = null, string? error = null)
    {
        if (_jobs.TryGetValue(instanceId, out var job))
        {
            job.Status = status;
            job.Concept = concept;
            job.Error = error;
        }
    }

    /// <summary>Stops taking photos: the worker drains what is queued and ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private sealed class JobEntry(OwnerId owner, string path)
    {
        public OwnerId Owner { get; } = owner;

        public string Path { get; } = path;

        public volatile string Status = JobStates.Pending;

        public volatile string? Concept;

        public volatile string? Error;
    }
}
