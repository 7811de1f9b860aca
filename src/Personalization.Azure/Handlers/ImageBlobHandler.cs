using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Azure.Storage;
using Personalization.Azure.Workflows;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Handlers;

/// <summary>
/// What the <c>images/{owner}/{path}</c> blob trigger does (Functions and the local worker alike): analyse the
/// new images in one batch (detection, embeddings, analysis store, image index), then start one recognition
/// orchestration each, under an id made from owner, path and content hash, so a re-upload of the same bytes or a
/// repeated event starts nothing new; nor does an image whose result for the same bytes was written after the
/// upload (offered again after a restart of the local worker, whose durable state is in memory). An image that cannot be analysed (empty, corrupt, truncated, oversized) gets
/// an error result at its result path, <see cref="FailedImageResult"/>, and is not retried (retrying cannot fix it);
/// a blob outside the naming rules has no result path and is logged and dropped; any other failure propagates so the
/// host retries.
/// </summary>
public sealed partial class ImageBlobHandler(ImageIngestion ingestion, StorageClients storage, ExistingResults results, IOptions<RecognitionOptions> options, ILogger<ImageBlobHandler> logger)
{
    private readonly ChainThresholds _thresholds = ChainThresholds.From(options.Value);

    /// <param name="blobNames">Names within the images container (<c>{owner}/{path}</c>).</param>
    /// <returns>The instance ids started or found, one per image that could be analysed.</returns>
    public async Task<IReadOnlyList<string>> HandleAsync(IReadOnlyList<string> blobNames, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobNames);
        ArgumentNullException.ThrowIfNull(client);
        var started = new List<string>();
        foreach (var owned in blobNames.Select(Parse).OfType<(Core.Domain.OwnerId Owner, string Path)>().GroupBy(b => b.Owner))
        {
            var paths = owned.Select(b => b.Path).ToList();
            var ingested = await ingestion.IngestAsync(owned.Key, paths, cancellationToken).ConfigureAwait(false);
            foreach (var failed in ingested.Where(i => i.ContentHash is null))
            {
                var written = await FailedImageResult.For(owned.Key, failed.Path, failed.Error ?? "not analysed").WriteAsync(storage, cancellationToken).ConfigureAwait(false);
                Log.FailedResult(logger, written, failed.Error ?? "not analysed");
            }

            foreach (var image in ingested.Where(i => i.ContentHash is not null))
            {
                var id = InstanceIds.Recognition(owned.Key, image.Path, image.ContentHash!);
                if (await results.FindForUploadAsync(owned.Key, image.Path, image.ContentHash!, cancellationToken).ConfigureAwait(false) is not null)
                {
                    Log.AlreadyRecognized(logger, owned.Key.Value, image.Path);
                    continue;
                }

                started.Add(id);
                var request = new RecognitionRequest(new ImageRef(owned.Key, image.ContentHash!), image.Path, _thresholds);
                if (!await client.StartOnceAsync(OrchestrationNames.RecognizeImage, request, id, cancellationToken).ConfigureAwait(false))
                {
                    Log.Duplicate(logger, id);
                }
            }
        }

        return started;
    }

    private (Core.Domain.OwnerId, string)? Parse(string blobName)
    {
        if (BlobPaths.TryParseImage(blobName, out var owner, out var path, out var error))
        {
            return (owner, path);
        }

        Log.Ignored(logger, blobName, error);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Ignored image blob {BlobName}: {Reason}")]
        public static partial void Ignored(ILogger logger, string blobName, string reason);

        [LoggerMessage(2, LogLevel.Information, "Recognition {InstanceId} already exists; not started again")]
        public static partial void Duplicate(ILogger logger, string instanceId);

        [LoggerMessage(3, LogLevel.Warning, "Wrote the error result {ResultBlob}: {Reason}")]
        public static partial void FailedResult(ILogger logger, string resultBlob, string reason);

        [LoggerMessage(4, LogLevel.Information, "{Owner}/{Path} already has a result for these bytes, written after the upload; not recognised again")]
        public static partial void AlreadyRecognized(ILogger logger, string owner, string path);
    }
}
