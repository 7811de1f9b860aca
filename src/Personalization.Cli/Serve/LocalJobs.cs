using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Personalization.Azure.Http;
using Personalization.Core.Domain;

namespace Personalization.Cli.Serve;

/// <summary>
/// <c>serve</c>'s <see cref="IJobStatuses"/>: the jobs its queues run (recognitions, preference requests), by instance id,
/// shown to their owner only. Kept in memory for the process's lifetime. Thread-safe.
/// </summary>
internal sealed class LocalJobs : IJobStatuses
{
    private readonly ConcurrentDictionary<string, Entry> _jobs = new(StringComparer.Ordinal);

    /// <summary>Registers a job; false when one with this id is queued, running or done already (a failed one is replaced).</summary>
    public bool TryStart(string instanceId, OwnerId owner, string result)
    {
        var entry = new Entry(owner, result);
        if (_jobs.TryAdd(instanceId, entry))
        {
            return true;
        }

        var existing = _jobs[instanceId];
        return existing.Status == JobStates.Failed && _jobs.TryUpdate(instanceId, entry, existing);
    }

    /// <summary>Records what became of a job.</summary>
    public void Mark(string instanceId, string status, string? concept = null, string? error = null)
    {
        if (_jobs.TryGetValue(instanceId, out var job))
        {
            job.Concept = concept;
            job.Error = error;
            job.Status = status;
        }
    }

    public Task<JobStatus?> GetAsync(OwnerId owner, string instanceId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(instanceId, out var job) || !job.Owner.Equals(owner))
        {
            return Task.FromResult<JobStatus?>(null);
        }

        var output = job.Status == JobStates.Completed ? new JsonObject { ["result"] = job.Result, ["concept"] = job.Concept } : null;
        return Task.FromResult<JobStatus?>(new JobStatus(instanceId, job.Status, null, output, job.Error));
    }

    private sealed class Entry(OwnerId owner, string result)
    {
        public OwnerId Owner { get; } = owner;

        /// <summary>Where the job's result is read (an API path).</summary>
        public string Result { get; } = result;

        public volatile string Status = JobStates.Pending;

        public volatile string? Concept;

        public volatile string? Error;
    }
}
