using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Indexes each owner's uploaded images (the whole-image vectors and labels, and the concepts recognised in each), so
/// images can be searched by concept. Upserts are keyed by (owner, content hash): a re-upload changes nothing. Every
/// query is scoped to one owner. Thread-safe.
/// </summary>
public interface IImageIndex
{
    /// <summary>Adds or replaces images; an image whose <see cref="IndexedImage.Concepts"/> is null keeps the concepts already stored for it.</summary>
    Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default);

    /// <summary>
    /// The owner's images in which <paramref name="concept"/> was recognised, most confident first; with no concept,
    /// every image of the owner that has been recognised, ordered by path. At most <paramref name="top"/>.
    /// </summary>
    Task<IReadOnlyList<FoundImage>> FindAsync(OwnerId owner, ConceptName? concept, int top = 500, CancellationToken cancellationToken = default);
}

/// <param name="Path">Where the image lives (a blob path under the owner, or the file the CLI was given).</param>
/// <param name="Labels">The detector's labels and the classifier's top labels, for text search.</param>
/// <param name="Concepts">The concepts recognised in it (answer first); null when it has not been recognised yet.</param>
public sealed record IndexedImage(
    OwnerId Owner, string ContentHash, string Path, IReadOnlyList<string> Labels, float[] ImageVector, float[] TextVector, IReadOnlyList<IndexedConcept>? Concepts = null)
{
    public static IndexedImage From(OwnerId owner, string path, ImageAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var whole = analysis.Regions.Count > 0 ? analysis.Regions[0] : null;
        var labels = analysis.Detections.Select(d => d.Label)
            .Concat(analysis.Regions.SelectMany(r => r.TopLabels.Take(3)).Select(l => l.Label))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new IndexedImage(owner, analysis.ContentHash, path, labels, whole?.ImageVector ?? [], whole?.TextVector ?? []);
    }
}
