using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// Takes a photo to recognise: in the cloud a blob upload (the blob trigger starts the recognition); in
/// <c>personalize serve</c> a file and a place on the in-process recognition queue. Thread-safe.
/// </summary>
public interface IPhotoSubmissions
{
    /// <param name="path">The validated path under the owner (<see cref="RouteImagePath"/>).</param>
    /// <returns>The job's instance id: the same owner, path and bytes give the same id.</returns>
    Task<string> SubmitAsync(OwnerId owner, string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);
}
