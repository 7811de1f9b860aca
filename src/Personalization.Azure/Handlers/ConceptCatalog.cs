using Azure.Storage.Blobs.Models;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Handlers;

/// <summary>The concept side of the HTTP API: upload reference photos (the blob trigger enrols them), list, delete. Thread-safe.</summary>
public sealed class ConceptCatalog(StorageClients storage, IConceptIndex index)
{
    /// <summary>
    /// Stores a reference photo at <c>concepts/{owner}/{name}/{file}</c> with the concept's fields as metadata, and the
    /// object's box in it (metadata <c>box</c>) when one was drawn.
    /// </summary>
    public async Task<string> UploadReferenceAsync(
        OwnerId owner, ConceptName name, string fileName, Stream content, string? category, string? description, CancellationToken cancellationToken = default, BoundingBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var safe = new string([.. Path.GetFileName(fileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).TrimStart('.');
        var blobName = BlobPaths.ConceptPrefix(owner, name) + (safe.Length == 0 ? "reference.jpg" : safe);
        var metadata = new Dictionary<string, string> { ["name"] = name.Value };
        if (!string.IsNullOrWhiteSpace(category))
        {
            metadata["category"] = Uri.EscapeDataString(category);
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            metadata["description"] = Uri.EscapeDataString(description);
        }

        if (box is not null)
        {
            metadata["box"] = box.ToText();
        }

        await storage.Concepts.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
        return blobName;
    }

    public Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) => index.ListAsync(owner, cancellationToken);

    /// <summary>Removes the concept from the index and deletes its blobs; false if there was nothing to delete.</summary>
    public async Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default)
    {
        var removed = await index.DeleteAsync(owner, name, cancellationToken).ConfigureAwait(false);
        await foreach (var item in storage.Concepts.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobPaths.ConceptPrefix(owner, name), cancellationToken).ConfigureAwait(false))
        {
            await storage.Concepts.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            removed = true;
        }

        return removed;
    }
}
