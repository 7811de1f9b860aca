using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Storage;

/// <summary>
/// The images a durable recognition step can show a reasoner: the upload being recognised, read from
/// <c>images/{owner}/{path}</c> when asked for by its content hash (and only while the blob still holds those bytes), and
/// every other image (the concepts' reference photos) from the persistent store, which also takes every write.
/// One per activity call; thread-safe (concurrent first reads may both download; either result is the same).
/// </summary>
internal sealed class UploadedImageStore(StorageClients storage, IImageStore persistent, ImageRef upload, string path) : IImageStore
{
    // The upload is read (and its hash checked) once per activity call, however many candidates a reasoner compares it with.
    private Task<ReadOnlyMemory<byte>?>? _upload;

    public async Task<ReadOnlyMemory<byte>?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        if (owner == upload.Owner && contentHash == upload.ContentHash
            && await (_upload ??= ReadUploadAsync(cancellationToken)).ConfigureAwait(false) is { } read)
        {
            return read;
        }

        return await persistent.GetAsync(owner, contentHash, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        var (bytes, _) = await storage.DownloadImageAsync(upload.Owner, path, cancellationToken).ConfigureAwait(false);
        return bytes is { } read && Core.Domain.ContentHash.Matches(read.Span, upload.ContentHash) ? read : null;
    }

    public Task PutAsync(OwnerId owner, string contentHash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        persistent.PutAsync(owner, contentHash, bytes, cancellationToken);

    public Task<bool> DeleteAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default) =>
        persistent.DeleteAsync(owner, contentHash, cancellationToken);
}
