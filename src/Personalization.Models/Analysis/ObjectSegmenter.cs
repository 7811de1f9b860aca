using OpenCvSharp;
using Personalization.Core.Domain;
using Personalization.Models.Imaging;

namespace Personalization.Models.Analysis;

/// <summary>
/// Separates a reference photo's object from the room around it when no box was drawn: GrabCut (OpenCV) initialised
/// with the chosen region, the photo around it taken as background, on a reduced copy (long side
/// <see cref="WorkLongSide"/>). Gives the object's tight box and a foreground mask that keeps the room's keypoints out
/// of the concept. Null when the region has no room around it or the cut is implausible (almost nothing or almost
/// everything is foreground). Enrolment only; thread-safe (no shared state).
/// </summary>
internal static class ObjectSegmenter
{
    private const ulong Seed = 0x5EED_0F_C0FFEE;

    /// <summary>The long side of the working copy of the region and its surroundings.</summary>
    internal const int WorkLongSide = 200;

    /// <summary>How much of the photo around the region is taken as background samples, per side, relative to the region.</summary>
    private const float Margin = 0.25f;

    private const int Iterations = 4;

    public static SegmentedObject? Segment(DecodedImage image, BoundingBox region)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(region);
        var s = image.Scale;
        var bitmap = image.Bitmap;

        // The region and the margin around it, in decoded pixels.
        var rx0 = region.X / s;
        var ry0 = region.Y / s;
        var rx1 = (region.X + region.Width) / s;
        var ry1 = (region.Y + region.Height) / s;
        var wx0 = Math.Max(0, (int)Math.Floor(rx0 - (Margin * (rx1 - rx0))));
        var wy0 = Math.Max(0, (int)Math.Floor(ry0 - (Margin * (ry1 - ry0))));
        var wx1 = Math.Min(bitmap.Width, (int)Math.Ceiling(rx1 + (Margin * (rx1 - rx0))));
        var wy1 = Math.Min(bitmap.Height, (int)Math.Ceiling(ry1 + (Margin * (ry1 - ry0))));
        if (wx1 - wx0 < 16 || wy1 - wy0 < 16)
        {
            return null;
        }

        var f = Math.Min(1.0, WorkLongSide / (double)Math.Max(wx1 - wx0, wy1 - wy0));
        var width = Math.Max(8, (int)Math.Round((wx1 - wx0) * f));
        var height = Math.Max(8, (int)Math.Round((wy1 - wy0) * f));
        var rect = new Rect(
            (int)Math.Round((rx0 - wx0) * width / (double)(wx1 - wx0)),
            (int)Math.Round((ry0 - wy0) * height / (double)(wy1 - wy0)),
            0,
            0);
        rect.Width = Math.Min(width - rect.X, (int)Math.Round((rx1 - rx0) * width / (double)(wx1 - wx0)));
        rect.Height = Math.Min(height - rect.Y, (int)Math.Round((ry1 - ry0) * height / (double)(wy1 - wy0)));

        // GrabCut learns the background from outside the rectangle: without a border of photo around it there is none.
        if (rect.X < 2 && rect.Y < 2 && rect.X + rect.Width > width - 2 && rect.Y + rect.Height > height - 2 || rect.Width < 8 || rect.Height < 8)
        {
            return null;
        }

        using var rgba = Mat.FromPixelData(bitmap.Height, bitmap.Width, MatType.CV_8UC4, bitmap.GetPixels(), bitmap.RowBytes);
        using var view = new Mat(rgba, new Rect(wx0, wy0, wx1 - wx0, wy1 - wy0));
        using var bgr = new Mat();
        Cv2.CvtColor(view, bgr, ColorConversionCodes.RGBA2BGR);
        using var small = new Mat();
        Cv2.Resize(bgr, small, new Size(width, height), 0, 0, InterpolationFlags.Area);
        using var mask = new Mat();
        using var background = new Mat();
        using var foreground = new Mat();

        // GrabCut seeds its k-means from OpenCV's per-thread generator, whose state depends on what ran on this thread
        // before: seeded here, the same photo always gives the same cut (OpenCV runs single-threaded: this thread).
        Cv2.SetTheRNG(Seed);
        Cv2.GrabCut(small, mask, rect, background, foreground, Iterations, GrabCutModes.InitWithRect);
        mask.GetArray(out byte[] labels);

        var fg = new bool[labels.Length];
        int count = 0, x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is (byte)GrabCutClasses.FGD or (byte)GrabCutClasses.PR_FGD)
            {
                fg[i] = true;
                count++;
                var (x, y) = (i % width, i / width);
                x0 = Math.Min(x0, x);
                y0 = Math.Min(y0, y);
                x1 = Math.Max(x1, x);
                y1 = Math.Max(y1, y);
            }
        }

        var share = count / (double)(rect.Width * rect.Height);
        if (share < 0.05 || share > 0.95)
        {
            return null;
        }

        // Work pixels back to original pixels.
        var toX = (wx1 - wx0) / (double)width * s;
        var toY = (wy1 - wy0) / (double)height * s;
        var box = new BoundingBox(
            (float)((wx0 * s) + (x0 * toX)),
            (float)((wy0 * s) + (y0 * toY)),
            (float)((x1 - x0 + 1) * toX),
            (float)((y1 - y0 + 1) * toY));
        return new SegmentedObject(box, fg, width, height, (float)(wx0 * s), (float)(wy0 * s), (float)toX, (float)toY);
    }
}

/// <summary>An object cut from its surroundings: its tight box (original pixels) and its foreground mask.</summary>
internal sealed record SegmentedObject(BoundingBox Box, bool[] Mask, int MaskWidth, int MaskHeight, float OriginX, float OriginY, float PixelWidth, float PixelHeight)
{
    /// <summary>Whether a point (original pixels) is on the object, or within <paramref name="tolerance"/> mask pixels of it.</summary>
    public bool Contains(float x, float y, int tolerance = 1)
    {
        var mx = (int)((x - OriginX) / PixelWidth);
        var my = (int)((y - OriginY) / PixelHeight);
        for (var dy = -tolerance; dy <= tolerance; dy++)
        {
            for (var dx = -tolerance; dx <= tolerance; dx++)
            {
                var (u, v) = (mx + dx, my + dy);
                if (u >= 0 && v >= 0 && u < MaskWidth && v < MaskHeight && Mask[(v * MaskWidth) + u])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
