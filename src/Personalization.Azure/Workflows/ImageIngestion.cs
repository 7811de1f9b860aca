using Microsoft.Extensions.Logging;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Workflows;

/// <summary>
/// Takes images in from <c>images/{owner}/…</c>: download, detect and embed in one batch, store each analysis by
/// content hash, upsert the image index. Idempotent: an image whose analysis is already stored is not analysed
/// again. A missing, oversized or undecodable image becomes a failed item; any other failure propagates (retry).
/// Shared by the blob trigger and the bulk <c>AnalyzeImages</c> activity. Thread-safe.
/// </summary>
public sealed partial class ImageIngestion(
    StorageClients storage,
    IImageAnalyzer analyzer,
    IImageAnalysisStore analyses,
    IImageIndex images,
    ILogger<ImageIngestion> logger)
{
    public async Task<IReadOnlyList<IngestedImage>> IngestAsync(OwnerId owner, IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new IngestedImage[paths.Count];
        var inputs = new List<ImageInput>();
        var slots = new List<int>();
        for (var i = 0; i < paths.Count; i++)
        {
            var (bytes, error) = await storage.DownloadImageAsync(owner, paths[i], cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                results[i] = new IngestedImage(paths[i], null, error);
                continue;
            }

            var hash = BlobPaths.ContentHash(bytes.Value.Span);
            if (await analyses.GetAsync(owner, hash, cancellationToken).ConfigureAwait(false) is not null)
            {
                results[i] = new IngestedImage(paths[i], hash, null);
                continue;
            }

            inputs.Add(new ImageInput(paths[i], bytes.Value));
            slots.Add(i);
        }

        var analysed = inputs.Count == 0 ? [] : await analyzer.AnalyzeAsync(inputs, cancellationToken).ConfigureAwait(false);
        var indexed = new List<IndexedImage>(analysed.Count);
        for (var k = 0; k < analysed.Count; k++)
        {
            var i = slots[k];
            if (analysed[k].Analysis is not { } analysis)
            {
                Log.ImageRejected(logger, owner.Value, paths[i], analysed[k].Error ?? "unknown error");
                results[i] = new IngestedImage(paths[i], null, analysed[k].Error ?? "unknown error");
                continue;
            }

            await analyses.PutAsync(owner, analysis, cancellationToken).ConfigureAwait(false);
            indexed.Add(IndexedImage.From(owner, paths[i], analysis));
            results[i] = new IngestedImage(paths[i], analysis.ContentHash, null);
        }

        if (indexed.Count > 0)
        {
            await images.UpsertAsync(indexed, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Image {Owner}/{Path} was rejected: {Reason}")]
        public static partial void ImageRejected(ILogger logger, string owner, string path, string reason);
    }
}
