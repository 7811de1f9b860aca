using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>The cloud's <see cref="IPhotoSubmissions"/>: the photo becomes <c>images/{owner}/{path}</c>, which the blob trigger recognises. Thread-safe.</summary>
public sealed class BlobPhotoSubmissions(StorageClients storage) : IPhotoSubmissions
{
    public async Task<string> SubmitAsync(OwnerId owner, string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await storage.Images.GetBlobClient(BlobPaths.Image(owner, path)).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
        return InstanceIds.Recognition(owner, path, Core.Domain.ContentHash.Of(bytes.Span));
    }
}
