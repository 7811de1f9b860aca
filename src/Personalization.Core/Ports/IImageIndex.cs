using Personalization.Core.Domain;

namespace Personalization.Core.Ports;

/// <summary>
/// Indexes each owner's uploaded images (the whole-image vectors and labels), so images can later be searched
/// by concept or by example. Upserts are keyed by (owner, content hash): a re-upload changes nothing.
/// Thread-safe.
/// </summary>
public interface IImageIndex
{
    Task UpsertAsync(IReadOnlyList<IndexedImage> images, CancellationToken cancellationToken = default);
}

/// <param name="Path">Where the image lives (a blob path under the owner).</param>
/// <param name="Labels">The detector's labels and the classifier's top labels, for text search.</param>
public sealed record IndexedImage(OwnerId Owner, string ContentHash, string Path, IReadOnlyList<string> Labels, float[] ImageVector, float[] TextVector)
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
