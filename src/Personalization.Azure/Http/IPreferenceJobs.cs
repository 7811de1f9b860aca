using Personalization.Azure.Workflows;

namespace Personalization.Azure.Http;

/// <summary>
/// Starts a validated preference request (PreferThinker): the durable orchestration in the cloud, the in-process queue under
/// <c>personalize serve</c>. Its verdicts are written where <see cref="IUploadedPhotos.ReadResultAsync"/> finds them, at
/// <c>_preferences/{request_id}</c>. Thread-safe.
/// </summary>
public interface IPreferenceJobs
{
    /// <returns>The job's instance id: the same owner and request id give the same id, and start nothing new.</returns>
    Task<string> StartAsync(PreferenceRequest request, CancellationToken cancellationToken = default);
}
