using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Storage;
using Personalization.Core.Diagnostics;

namespace Personalization.Azure.Workflows;

/// <summary>What the bulk activities do: list the images of a prefix, analyse a batch, write the summary. Thread-safe.</summary>
public sealed class BulkActivities(StorageClients storage, ImageIngestion ingestion, ExistingResults results, PipelineMetrics? metrics = null)
{
    /// <summary>The valid image paths under <c>images/{owner}/{prefix}</c>, in name order, at most <see cref="ListImagesInput.MaxItems"/>.</summary>
    public async Task<IReadOnlyList<string>> ListImagesAsync(ListImagesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ownerPrefix = input.Owner.Value + "/";
        var paths = new List<string>();
        await foreach (var item in storage.Images.GetBlobsAsync(BlobTraits.None, BlobStates.None, ownerPrefix + input.Prefix, cancellationToken).ConfigureAwait(false))
        {
            // A name no trigger would accept (a '..' segment, say) is skipped rather than resolved to another owner's blob.
            if (!BlobPaths.TryParseImage(item.Name, out _, out var path, out _))
            {
                continue;
            }

            paths.Add(path);
            if (paths.Count >= input.MaxItems)
            {
                break;
            }
        }

        return paths;
    }

    /// <summary>
    /// Analyses the batch; marks the images already answered, for this request since <see cref="AnalyzeImagesInput.ResultsSince"/>
    /// or by their upload's completed recognition (<see cref="UploadRecognitions"/>).
    /// </summary>
    public async Task<IReadOnlyList<IngestedImage>> AnalyzeImagesAsync(AnalyzeImagesInput input, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(client);
        var ingested = await ingestion.IngestAsync(input.Owner, input.Paths, cancellationToken).ConfigureAwait(false);
        var marked = new List<IngestedImage>(ingested.Count);
        foreach (var image in ingested)
        {
            var done = input.ResultsSince is { } since && image.ContentHash is { } hash
                ? await results.FindAsync(input.Owner, image.Path, hash, since, cancellationToken).ConfigureAwait(false)
                : null;
            marked.Add(await UploadRecognitions.ResolveAsync(client, input.Owner, done is null ? image : image with { Recognized = done }, cancellationToken).ConfigureAwait(false));
        }

        return marked;
    }

    /// <summary>Looks again at the images whose upload recognitions were running: reused once completed, still running, or neither.</summary>
    public async Task<IReadOnlyList<IngestedImage>> CheckUploadsAsync(UploadChecksInput input, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(client);
        var checkedImages = new List<IngestedImage>(input.Images.Count);
        foreach (var image in input.Images)
        {
            checkedImages.Add(image.UploadRunning ? await UploadRecognitions.ResolveAsync(client, input.Owner, image, cancellationToken).ConfigureAwait(false) : image);
        }

        return checkedImages;
    }

    /// <summary>Writes <c>results/{owner}/_bulk/{instance}.json</c>: counts and every item, in input order.</summary>
    public async Task<string> WriteSummaryAsync(BulkSummaryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = BlobPaths.BulkSummary(input.Owner, input.InstanceId);
        var failed = input.Items.Count(i => i.Error is not null);
        var document = new { owner = input.Owner.Value, instance_id = input.InstanceId, total = input.Items.Count, succeeded = input.Items.Count - failed, failed, items = input.Items };
        await StorageJson.UploadAsync(storage.Results, name, document, StorageJson.Documents, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < failed; i++)
        {
            metrics?.Failed("bulk");
        }

        return name;
    }
}
