using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>The status of a job the owner started (a durable orchestration in the cloud, the recognition queue locally). Thread-safe.</summary>
public interface IJobStatuses
{
    /// <returns>The job's status, or null when there is no such job or it is another owner's.</returns>
    Task<JobStatus?> GetAsync(OwnerId owner, string instanceId, CancellationToken cancellationToken = default);
}
