using Personalization.Core.Domain;
using Personalization.Models.Detection;

namespace Personalization.Models.Analysis;

/// <summary>
/// Chooses the regions of interest to embed: the whole image first, then detector boxes (detections and weaker
/// proposals) ranked by objectness as much as by class score (small personal objects are often not a COCO class),
/// skipping tiny boxes, near-duplicates and boxes that are almost the whole image; then the grid tiles.
/// </summary>
internal static class RegionSelector
{
    /// <param name="proposals">Boxes the detector is less sure of (<see cref="DetectorOutput.Proposals"/>), ranked with the
    /// detections by the same measure.</param>
    public static IReadOnlyList<(BoundingBox Box, string Source, string? Label, float Score)> Select(
        IReadOnlyList<Core.Domain.Detection> detections, int width, int height, DetectionOptions options, IReadOnlyList<Core.Domain.Detection>? proposals = null)
    {
        var whole = new BoundingBox(0, 0, width, height);
        var chosen = new List<(BoundingBox Box, string Source, string? Label, float Score)> { (whole, "image", null, 1f) };
        var weak = new HashSet<Core.Domain.Detection>(proposals ?? [], ReferenceEqualityComparer.Instance);
        var ranked = detections.Concat(proposals ?? []).OrderByDescending(d => (0.5f * d.Objectness) + (0.5f * d.Score));
        foreach (var d in ranked)
        {
            if (chosen.Count > options.MaxRegions)
            {
                break;
            }

            if (Math.Min(d.Box.Width, d.Box.Height) < options.MinRegionSide
                || d.Box.Area > 0.9f * whole.Area
                || chosen.Skip(1).Any(c => c.Box.IntersectionOverUnion(d.Box) > 0.7f))
            {
                continue;
            }

            // A proposal's class is the detector's guess below its own thresholds: not worth a label.
            chosen.Add(weak.Contains(d) ? (Pad(d.Box, width, height), ImageRegion.ProposalSource, null, d.Score) : (Pad(d.Box, width, height), ImageRegion.DetectionSource, d.Label, d.Score));
        }

        foreach (var tile in Tiles(width, height, options.GridLevels))
        {
            chosen.Add((tile, "tile", null, 0f));
        }

        return chosen;
    }

    /// <summary>
    /// A reference photo's regions: its object (the focus) and, when no box was drawn and the settings say so, the whole
    /// photo too. Nothing else of the room it was taken in.
    /// </summary>
    public static IReadOnlyList<(BoundingBox Box, string Source, string? Label, float Score)> ForReference(
        ReferenceFocus focus, int width, int height, DetectionOptions options)
    {
        var whole = new BoundingBox(0, 0, width, height);
        if (focus.Source == ReferenceFocus.Whole)
        {
            return [(whole, "image", null, 1f)];
        }

        var regions = new List<(BoundingBox Box, string Source, string? Label, float Score)> { (focus.Box, "focus", focus.Label, 1f) };
        if (focus.Source != ReferenceFocus.User && options.ReferenceWholeImage)
        {
            regions.Add((whole, "image", null, 1f));
        }

        return regions;
    }

    /// <summary>
    /// A reference photo's room: the grid tiles (both levels) that the focus covers less than a quarter of. None for a
    /// photo enrolled whole.
    /// </summary>
    public static IEnumerable<BoundingBox> RoomTiles(ReferenceFocus focus, int width, int height)
    {
        if (focus.Source == ReferenceFocus.Whole)
        {
            yield break;
        }

        foreach (var tile in Tiles(width, height, 2))
        {
            var overlap = Intersection(tile, focus.Box);
            if (overlap < 0.25f * tile.Area)
            {
                yield return tile;
            }
        }
    }

    private static float Intersection(BoundingBox a, BoundingBox b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /// <summary>Overlapping grid tiles: level 1 a 2×2 grid of 60 % tiles, level 2 also a 3×3 grid of 40 % tiles.</summary>
    internal static IEnumerable<BoundingBox> Tiles(int width, int height, int levels)
    {
        (int N, float Size)[] grids = [(2, 0.6f), (3, 0.4f)];
        foreach (var (n, size) in grids.Take(levels))
        {
            var w = width * size;
            var h = height * size;
            for (var row = 0; row < n; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    var x = (width - w) * col / (n - 1);
                    var y = (height - h) * row / (n - 1);
                    yield return new BoundingBox(x, y, w, h);
                }
            }
        }
    }

    /// <summary>A little context around a box helps the classifier; 5 % each side, inside the image.</summary>
    private static BoundingBox Pad(BoundingBox box, int width, int height)
    {
        var px = box.Width * 0.05f;
        var py = box.Height * 0.05f;
        var x0 = Math.Max(0, box.X - px);
        var y0 = Math.Max(0, box.Y - py);
        var x1 = Math.Min(width, box.X + box.Width + px);
        var y1 = Math.Min(height, box.Y + box.Height + py);
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }
}
