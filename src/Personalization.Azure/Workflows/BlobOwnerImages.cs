using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>The cloud's <see cref="IOwnerImages"/>: <c>images/{owner}/{path}</c>, refused over the blob size limit. Thread-safe.</summary>
public sealed class BlobOwnerImages(StorageClients storage) : IOwnerImages
{
    public Task<(ReadOnlyMemory<byte>? Bytes, string? Error)> ReadAsync(OwnerId owner, string path, CancellationToken cancellationToken = default) =>
        storage.DownloadImageAsync(owner, path, cancellationToken);
}
