using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// Reads an owner's submitted photos and their recognition results by the path they were submitted under (blobs in the
/// cloud, files in the data folder of <c>personalize serve</c>). Paths are validated by the caller (<see cref="RouteImagePath"/>).
/// Thread-safe.
/// </summary>
public interface IUploadedPhotos
{
    /// <returns>The photo's bytes, or null when the owner has none at that path.</returns>
    Task<ReadOnlyMemory<byte>?> ReadPhotoAsync(OwnerId owner, string path, CancellationToken cancellationToken = default);

    /// <returns>The result document's JSON text as stored, or null when none has been written.</returns>
    Task<string?> ReadResultAsync(OwnerId owner, string path, CancellationToken cancellationToken = default);
}
