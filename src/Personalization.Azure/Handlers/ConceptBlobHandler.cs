using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;

namespace Personalization.Azure.Handlers;

/// <summary>
/// What the <c>concepts/{owner}/{concept}/{file}</c> blob trigger does: enrol the photo (fingerprint, embeddings,
/// index upsert) with the name, category, description and attributes from the blob's metadata, else from the
/// folder's <c>concept.json</c>, else the folder name. Enrolment is idempotent (references keyed by content hash).
/// The sidecar itself enrols nothing. A bad name or image is logged and dropped; other failures propagate (retry).
/// </summary>
public sealed partial class ConceptBlobHandler(StorageClients storage, EnrollmentService enrollment, ILogger<ConceptBlobHandler> logger)
{
    public async Task<EnrollmentOutcome?> HandleAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (!BlobPaths.TryParseConcept(blobName, out var owner, out var folder, out var file, out var error))
        {
            Log.Ignored(logger, blobName, error);
            return null;
        }

        if (file.Equals(BlobPaths.ConceptSidecar, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var blob = storage.Concepts.GetBlobClient(blobName);
        global::Azure.Storage.Blobs.Models.BlobDownloadResult content;
        try
        {
            content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            Log.Ignored(logger, blobName, "deleted before it could be enrolled");
            return null;
        }

        var metadata = new Dictionary<string, string>(content.Details.Metadata, StringComparer.OrdinalIgnoreCase);
        var sidecar = await ReadSidecarAsync(owner, folder, cancellationToken).ConfigureAwait(false);
        var nameText = Value(metadata, "name") ?? sidecar?.Name ?? folder.Value;
        if (!ConceptName.TryParse(nameText, out var name, out error))
        {
            Log.Ignored(logger, blobName, error);
            return null;
        }

        var attributes = Value(metadata, "attributes")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? sidecar?.Attributes?.ToArray() ?? [];

        // The object's box: blob metadata "box", else the sidecar's entry for this file. A box that cannot be read is the
        // uploader's mistake: nothing is enrolled from the photo rather than the room around the object.
        var boxText = Value(metadata, "box") ?? (sidecar?.Boxes is { } boxes ? boxes.FirstOrDefault(b => b.Key.Equals(file, StringComparison.OrdinalIgnoreCase)).Value : null);
        BoundingBox? box = null;
        if (boxText is not null && !BoundingBox.TryParse(boxText, out box, out var boxError))
        {
            Log.Ignored(logger, blobName, $"box '{boxText}': {boxError}");
            return null;
        }

        var request = new EnrollmentRequest(
            owner, name, Value(metadata, "category") ?? sidecar?.Category, Value(metadata, "description") ?? sidecar?.Description, attributes,
            [ImageSource.FromBytes(blobName, content.Content.ToMemory())], box is null ? null : new Dictionary<string, BoundingBox> { [blobName] = box });
        var outcome = await enrollment.EnrollAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var (id, reason) in outcome.Failures)
        {
            Log.Ignored(logger, id, reason);
        }

        return outcome;
    }

    /// <summary>Metadata values are ASCII in Azure; descriptions may be URL-encoded by the uploader.</summary>
    private static string? Value(Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? Uri.UnescapeDataString(v) : null;

    private async Task<ConceptSidecar?> ReadSidecarAsync(OwnerId owner, ConceptName folder, CancellationToken cancellationToken)
    {
        var blob = storage.Concepts.GetBlobClient(BlobPaths.ConceptPrefix(owner, folder) + BlobPaths.ConceptSidecar);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<ConceptSidecar>(StorageJson.Messages);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException e)
        {
            Log.Ignored(logger, blob.Name, $"sidecar is not valid JSON ({e.Message}); using metadata and the folder name");
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Ignored concept blob {BlobName}: {Reason}")]
        public static partial void Ignored(ILogger logger, string blobName, string reason);
    }
}
