using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Keeps image bytes per owner and content hash, so a stage that must look at pixels again (a VLM's pairwise
/// comparison needs the candidate's reference photo) can fetch them by reference. Content-addressed: putting the
/// same hash twice is a no-op. Thread-safe; the store owns what it keeps, callers own the memory they pass in.
/// </summary>
public interface IImageStore
{
    Task PutAsync(OwnerId owner, string contentHash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <returns>The bytes, or null when the store has no such image.</returns>
    Task<ReadOnlyMemory<byte>?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default);

    /// <returns>True when the image was there and is gone.</returns>
    Task<bool> DeleteAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default);
}
