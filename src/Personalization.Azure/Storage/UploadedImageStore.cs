using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Storage;

/// <summary>
/// The images a durable recognition step can show a reasoner: the upload being recognised, read from
/// <c>images/{owner}/{path}</c> when asked for by its content hash (and only while the blob still holds those bytes), and
/// every other image (the concepts' reference photos) from the persistent store, which also takes every write.
/// One per activity call; thread-safe.
/// </summary>
internal sealed class UploadedImageStore(StorageClients storage, IImageStore persistent, ImageRef upload, string path) : IImageStore
{
    public async Task<ReadOnlyMemory<byte>?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        if (owner == upload.Owner && contentHash == upload.ContentHash)
        {
            var (bytes, _) = await storage.DownloadImageAsync(owner, path, cancellationToken).ConfigureAwait(false);
            if (bytes is { } read && BlobPaths.ContentHash(read.Span) == contentHash)
            {
                return read;
            }
        }

        return await persistent.GetAsync(owner, contentHash, cancellationToken).ConfigureAwait(false);
    }

    public Task PutAsync(OwnerId owner, string contentHash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        persistent.PutAsync(owner, contentHash, bytes, cancellationToken);

    public Task<bool> DeleteAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
        persistent.DeleteAsync(owner, contentHash, cancellationToken);
}
