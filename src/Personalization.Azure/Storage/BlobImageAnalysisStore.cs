using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Storage;

/// <summary>
/// Keeps each image analysis as a blob (<c>analyses/{owner}/{contentHash}.json</c>), so activities on any
/// instance can load what another analysed. Writes are idempotent: the key is the content hash. Thread-safe.
/// </summary>
public sealed class BlobImageAnalysisStore(StorageClients storage) : IImageAnalysisStore
{
    public async Task PutAsync(OwnerId owner, ImageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var blob = storage.Analyses.GetBlobClient(BlobPaths.Analysis(owner, analysis.ContentHash));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(analysis, StorageJson.Analyses);
        await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImageAnalysis?> GetAsync(OwnerId owner, string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        var blob = storage.Analyses.GetBlobClient(BlobPaths.Analysis(owner, contentHash));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<ImageAnalysis>(StorageJson.Analyses);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
