using OpenCvSharp;
using Personalization.Core.Domain;
using Personalization.Models.Imaging;

namespace Personalization.Models.Analysis;

/// <summary>
/// Separates a reference photo's object from the room around it when no box was drawn: GrabCut (OpenCV) initialised
/// with the chosen region, the photo around it taken as background, on a reduced copy (long side
/// <see cref="WorkLongSide"/>). Gives the object's tight box and a foreground mask that keeps the room's keypoints out
/// of the concept. Null when the region has no room around it or the cut is implausible (almost nothing or almost
/// everything is foreground). Of the foreground only the part that is most the subject is kept: its connected component
/// that is large and near the region's centre, and anything inside that component's box. Enrolment only; thread-safe (no
/// shared state).
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

        // Something else in the foreground beside the subject (another object at the side of the photo) is not the subject.
        if (count > 0)
        {
            (count, x0, y0, x1, y1) = KeepCentral(fg, width, height, rect);
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

    /// <summary>
    /// Keeps the foreground's connected component that is most the subject (large and near the region's centre) and any
    /// other component inside its box: something else in the foreground beside the subject (another object at the side of
    /// the photo) is not the subject. Clears the rest of <paramref name="fg"/>; gives the kept count and box.
    /// </summary>
    private static (int Count, int X0, int Y0, int X1, int Y1) KeepCentral(bool[] fg, int width, int height, Rect rect)
    {
        using var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        var bytes = new byte[fg.Length];
        for (var i = 0; i < fg.Length; i++)
        {
            bytes[i] = fg[i] ? (byte)255 : (byte)0;
        }

        mask.SetArray(bytes);
        using var opened = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3)))
        {
            Cv2.MorphologyEx(mask, opened, MorphTypes.Open, kernel);
        }

        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var n = Cv2.ConnectedComponentsWithStats(opened, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var (cx, cy) = (rect.X + (rect.Width / 2.0), rect.Y + (rect.Height / 2.0));
        var half = Math.Sqrt((rect.Width * rect.Width) + (rect.Height * rect.Height)) / 2;
        var best = -1;
        var bestValue = 0.0;
        for (var k = 1; k < n; k++)
        {
            var area = stats.At<int>(k, (int)ConnectedComponentsTypes.Area);
            var dx = centroids.At<double>(k, 0) - cx;
            var dy = centroids.At<double>(k, 1) - cy;
            var value = Math.Sqrt(area) * Math.Max(0.05, 1 - (Math.Sqrt((dx * dx) + (dy * dy)) / half));
            if (value > bestValue)
            {
                (best, bestValue) = (k, value);
            }
        }

        if (best < 0)
        {
            return (0, width, height, -1, -1);
        }

        var bx0 = stats.At<int>(best, (int)ConnectedComponentsTypes.Left);
        var by0 = stats.At<int>(best, (int)ConnectedComponentsTypes.Top);
        var bx1 = bx0 + stats.At<int>(best, (int)ConnectedComponentsTypes.Width) - 1;
        var by1 = by0 + stats.At<int>(best, (int)ConnectedComponentsTypes.Height) - 1;
        labels.GetArray(out int[] label);
        var keep = new bool[n];
        keep[best] = true;
        for (var k = 1; k < n; k++)
        {
            var l = stats.At<int>(k, (int)ConnectedComponentsTypes.Left);
            var t = stats.At<int>(k, (int)ConnectedComponentsTypes.Top);
            var r = l + stats.At<int>(k, (int)ConnectedComponentsTypes.Width) - 1;
            var b = t + stats.At<int>(k, (int)ConnectedComponentsTypes.Height) - 1;
            keep[k] |= l >= bx0 && t >= by0 && r <= bx1 && b <= by1;
        }

        int count = 0, x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (var i = 0; i < fg.Length; i++)
        {
            fg[i] = keep[label[i]];
            if (fg[i])
            {
                count++;
                var (x, y) = (i % width, i / width);
                x0 = Math.Min(x0, x);
                y0 = Math.Min(y0, y);
                x1 = Math.Max(x1, x);
                y1 = Math.Max(y1, y);
            }
        }

        return (count, x0, y0, x1, y1);
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
