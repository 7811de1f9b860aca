using Personalization.Azure.Handlers;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>The cloud's <see cref="IReferencePhotos"/>: blobs under <c>concepts/{owner}/{name}/</c>, enrolled by the blob trigger. Thread-safe.</summary>
public sealed class BlobReferencePhotos(ConceptCatalog catalog) : IReferencePhotos
{
    public async Task<ReferenceIntake> AddAsync(
        OwnerId owner, ConceptName name, IReadOnlyList<ReferenceUpload> uploads, string? category, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var stored = new List<string>();
        foreach (var upload in uploads)
        {
            await using var stream = new MemoryStream(upload.Content.ToArray(), writable: false);
            stored.Add(await catalog.UploadReferenceAsync(owner, name, upload.FileName, stream, category, description, cancellationToken, upload.Box).ConfigureAwait(false));
        }

        return new ReferenceIntake(Pending: true, stored, [], 0);
    }

    public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) => catalog.DeleteAsync(owner, name, cancellationToken);
}
