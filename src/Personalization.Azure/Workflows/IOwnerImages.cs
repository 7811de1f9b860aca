using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>
/// Reads an image the owner submitted, by its path under the owner (<c>images/{owner}/{path}</c> in the cloud, the data
/// folder's uploads under <c>personalize serve</c>), for the preference steps. Thread-safe.
/// </summary>
public interface IOwnerImages
{
    /// <returns>The bytes, or null with the one-line reason (not found, too large).</returns>
    Task<(ReadOnlyMemory<byte>? Bytes, string? Error)> ReadAsync(OwnerId owner, string path, CancellationToken cancellationToken = default);
}
