using Azure;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>The cloud's <see cref="IUploadedPhotos"/>: <c>images/{owner}/{path}</c> and <c>results/{owner}/{path}.json</c>. Thread-safe.</summary>
public sealed class BlobUploadedPhotos(StorageClients storage) : IUploadedPhotos
{
    public async Task<ReadOnlyMemory<byte>?> ReadPhotoAsync(OwnerId owner, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await storage.Images.GetBlobClient(BlobPaths.Image(owner, path)).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<string?> ReadResultAsync(OwnerId owner, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await storage.Results.GetBlobClient(BlobPaths.Result(owner, path)).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
