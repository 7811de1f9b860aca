using System.Text.Json;
using Azure;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Storage;

/// <summary>
/// Whether an image was already recognised: a result at <c>results/{owner}/{path}.json</c> for the same bytes (its
/// <c>content_hash</c>) written since a given moment. What makes redelivered work idempotent after a crash of the
/// local worker, whose in-memory durable state does not survive it: a bulk request skips the items it already
/// answered, a re-offered upload is not recognised again. Thread-safe.
/// </summary>
public sealed class ExistingResults(StorageClients storage)
{
    /// <summary>The result if it is for <paramref name="contentHash"/> and was written at or after <paramref name="since"/>; else null.</summary>
    public async Task<RecognitionSummary?> FindAsync(OwnerId owner, string path, string contentHash, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync(owner, path, contentHash, cancellationToken).ConfigureAwait(false);
        return found is { } f && f.Written >= since ? f.Summary : null;
    }

    /// <summary>For an upload: the result if it is for the image blob's current bytes and was written after the upload.</summary>
    public async Task<RecognitionSummary?> FindForUploadAsync(OwnerId owner, string path, string contentHash, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(owner, path, contentHash, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        try
        {
            var image = await storage.Images.GetBlobClient(BlobPaths.Image(owner, path)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return found.Written >= image.Value.LastModified ? found.Summary : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<(RecognitionSummary Summary, DateTimeOffset Written)?> ReadAsync(OwnerId owner, string path, string contentHash, CancellationToken cancellationToken)
    {
        var blob = storage.Results.GetBlobClient(BlobPaths.Result(owner, path));
        global::Azure.Storage.Blobs.Models.BlobDownloadResult content;
        try
        {
            content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.Content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _)
                || !root.TryGetProperty("content_hash", out var hash) || hash.ValueKind != JsonValueKind.String || hash.GetString() != contentHash)
            {
                return null;
            }

            var concept = root.TryGetProperty("concept", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var score = root.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetSingle() : 0f;
            var stage = root.TryGetProperty("stage", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString()! : string.Empty;
            return (new RecognitionSummary(owner, path, concept, score, stage, blob.Name), content.Details.LastModified);
        }
        catch (JsonException)
        {
            return null; // Not a result we wrote: recognise again, which overwrites it.
        }
    }
}
