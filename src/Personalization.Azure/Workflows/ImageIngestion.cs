using Microsoft.Extensions.Logging;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Intake;
using Personalization.Core.Ports;

namespace Personalization.Azure.Workflows;

/// <summary>
/// Takes images in from <c>images/{owner}/…</c> through the one <see cref="ImageIntake"/> (download, hash, detect and
/// embed in one batch, store each analysis by content hash), then upserts the image index. Idempotent: an image whose
/// analysis is already stored is not analysed again. A missing, oversized or undecodable image becomes a failed item
/// (<c>cannot read: …</c> or the analyser's reason); any other failure propagates (retry).
/// Shared by the blob trigger and the bulk <c>AnalyzeImages</c> activity. Thread-safe.
/// </summary>
public sealed partial class ImageIngestion(
    StorageClients storage,
    ImageIntake intake,
    IImageIndex images,
    ILogger<ImageIngestion> logger)
{
    public async Task<IReadOnlyList<IngestedImage>> IngestAsync(OwnerId owner, IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var taken = await intake.TakeInAsync(owner, [.. paths.Select(path => Blob(owner, path))], cancellationToken: cancellationToken).ConfigureAwait(false);
        var results = new IngestedImage[paths.Count];
        var indexed = new List<IndexedImage>();
        for (var i = 0; i < paths.Count; i++)
        {
            if (taken[i].Analysis is not { } analysis)
            {
                Log.ImageRejected(logger, owner.Value, paths[i], taken[i].Error ?? "unknown error");
                results[i] = new IngestedImage(paths[i], null, taken[i].Error ?? "unknown error");
                continue;
            }

            if (!taken[i].Reused)
            {
                indexed.Add(IndexedImage.From(owner, paths[i], analysis));
            }

            results[i] = new IngestedImage(paths[i], analysis.ContentHash, null);
        }

        if (indexed.Count > 0)
        {
            await images.UpsertAsync(indexed, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>The upload as the intake reads it: its bytes, or an <see cref="IOException"/> saying why there are none
    /// (missing, or over the size cap, which is checked from its properties before any download).</summary>
    private ImageSource Blob(OwnerId owner, string path) => new(path, async ct =>
    {
        var (bytes, error) = await storage.DownloadImageAsync(owner, path, ct).ConfigureAwait(false);
        return bytes ?? throw new IOException(error);
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Image {Owner}/{Path} was rejected: {Reason}")]
        public static partial void ImageRejected(ILogger logger, string owner, string path, string reason);
    }
}
