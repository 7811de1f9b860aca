using Microsoft.Extensions.Options;
using OpenCvSharp;
using OpenCvSharp.Features2D;
using Personalization.Core.Domain;
using Personalization.Models.Imaging;
using CoreFeatures = Personalization.Core.Domain.LocalFeatures;

namespace Personalization.Models.LocalFeatures;

/// <summary>
/// SIFT keypoints and descriptors (OpenCV) of a decoded photo, or of one region of it resized to a fixed long side
/// (a reference's object: enlarged when small, so its texture is seen at the scale queries show it). Reads the decoded
/// pixels in place (no copy but the grey conversion). Thread-safe: a detector per call.
/// </summary>
public sealed class SiftExtractor
{
    public const string FeatureKind = "sift-v1";

    private readonly LocalFeatureOptions _options;

    /// <exception cref="NativeDependencyException">Local features are on and OpenCV's native library cannot be loaded.</exception>
    public SiftExtractor(IOptions<LocalFeatureOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.Enabled)
        {
            EnsureOpenCv();
        }
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Features of the whole photo (a query), reduced to <see cref="LocalFeatureOptions.QueryLongSide"/>.</summary>
    public CoreFeatures ExtractWhole(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var longSide = Math.Max(image.Width, image.Height);
        var resize = Math.Min(1.0, _options.QueryLongSide / (double)longSide);
        return Extract(image, null, resize, _options.QueryKeypoints);
    }

    /// <summary>Features of one region (original-image pixels), resized to <see cref="LocalFeatureOptions.ReferenceLongSide"/>.</summary>
    public CoreFeatures ExtractRegion(DecodedImage image, BoundingBox region)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(region);
        var longSide = Math.Max(region.Width, region.Height) / image.Scale;
        var resize = _options.ReferenceLongSide / Math.Max(1.0, longSide);
        return Extract(image, region, resize, _options.ReferenceKeypoints);
    }

    /// <summary>
    /// The object region's features without those that also appear elsewhere in the photo (the room around it): each
    /// region keypoint is compared with the whole photo's keypoints outside the region. Also returns a sample of those
    /// outside keypoints (<see cref="LocalFeatureOptions.SurroundingKeypoints"/>, spread evenly over them; null when none
    /// are kept): the room, which recognition recognises as such in other photos.
    /// </summary>
    public (CoreFeatures Object, CoreFeatures? Surroundings) ExtractObject(DecodedImage image, BoundingBox region)
    {
        var features = ExtractRegion(image, region);
        var suppress = _options.BackgroundCosine < 1 && features.Count > 0;
        if (!suppress && _options.SurroundingKeypoints == 0)
        {
            return (features, null);
        }

        var context = ExtractWhole(image);
        var outside = Enumerable.Range(0, context.Count).Where(i =>
        {
            var (x, y) = (context.Points[2 * i], context.Points[(2 * i) + 1]);
            return x < region.X || y < region.Y || x > region.X + region.Width || y > region.Y + region.Height;
        }).ToList();
        var surroundings = Surroundings(context, outside, _options.SurroundingKeypoints);
        if (!suppress || outside.Count < 2)
        {
            return (features, surroundings);
        }

        var outsideSift = new byte[outside.Count * CoreFeatures.DescriptorLength];
        for (var k = 0; k < outside.Count; k++)
        {
            context.Descriptors.AsSpan(outside[k] * CoreFeatures.DescriptorLength, CoreFeatures.DescriptorLength).CopyTo(outsideSift.AsSpan(k * CoreFeatures.DescriptorLength));
        }

        var outsideCodes = QueryCodes.Encode(outsideSift, outside.Count);
        var codes = RootSiftCodes.Encode(features.Descriptors, features.Count, 127f);
        var limit = (int)(_options.BackgroundCosine * RootSiftCodes.Unit);
        var nearest = new (int Best, int Second, int BestIndex)[features.Count];
        RootSiftCodes.TopTwo(outsideCodes, codes, nearest);
        var keep = new List<int>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            if (nearest[i].Best < limit)
            {
                keep.Add(i);
            }
        }

        return (Subset(features, keep), surroundings);
    }

    /// <summary>At most <paramref name="cap"/> of the keypoints <paramref name="outside"/>, every k-th so the whole room is sampled.</summary>
    private static CoreFeatures? Surroundings(CoreFeatures context, List<int> outside, int cap)
    {
        if (cap == 0 || outside.Count < 3)
        {
            return null;
        }

        if (outside.Count <= cap)
        {
            return Subset(context, outside) with { Region = null };
        }

        var sample = Enumerable.Range(0, cap).Select(k => outside[(int)((long)k * outside.Count / cap)]).ToList();
        return Subset(context, sample) with { Region = null };
    }

    /// <summary>Only the keypoints at places (original pixels) that <paramref name="keep"/> accepts.</summary>
    public static CoreFeatures Where(CoreFeatures features, Func<float, float, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(keep);
        var kept = Enumerable.Range(0, features.Count).Where(i => keep(features.Points[2 * i], features.Points[(2 * i) + 1])).ToList();
        return kept.Count == features.Count ? features : Subset(features, kept);
    }

    internal static CoreFeatures Subset(CoreFeatures features, List<int> keep)
    {
        var points = new float[keep.Count * 2];
        var descriptors = new byte[keep.Count * CoreFeatures.DescriptorLength];
        for (var k = 0; k < keep.Count; k++)
        {
            points[2 * k] = features.Points[2 * keep[k]];
            points[(2 * k) + 1] = features.Points[(2 * keep[k]) + 1];
            features.Descriptors.AsSpan(keep[k] * CoreFeatures.DescriptorLength, CoreFeatures.DescriptorLength).CopyTo(descriptors.AsSpan(k * CoreFeatures.DescriptorLength));
        }

        return features with { Points = points, Descriptors = descriptors };
    }

    /// <summary>Loads OpenCV's native library once, so that a machine without it gets one line saying what to do.</summary>
    private static void EnsureOpenCv()
    {
        try
        {
            _ = Cv2.GetVersionString();

            // Photos are analysed in parallel already (one extraction per photo beside detection and embedding):
            // OpenCV's own worker threads would only contend with them.
            Cv2.SetNumThreads(1);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            throw new NativeDependencyException(
                $"OpenCV's native library (local features) cannot be loaded on this machine: on Debian/Ubuntu install libgtk-3-0, or set {LocalFeatureOptions.SectionName}:{nameof(LocalFeatureOptions.Enabled)}=false",
                e);
        }
    }

    private static CoreFeatures Extract(DecodedImage image, BoundingBox? region, double resize, int keypoints)
    {
        var bitmap = image.Bitmap;
        using var rgba = Mat.FromPixelData(bitmap.Height, bitmap.Width, MatType.CV_8UC4, bitmap.GetPixels(), bitmap.RowBytes);
        var roi = new Rect(0, 0, bitmap.Width, bitmap.Height);
        if (region is not null)
        {
            var s = image.Scale;
            var x0 = Math.Clamp((int)Math.Floor(region.X / s), 0, bitmap.Width - 1);
            var y0 = Math.Clamp((int)Math.Floor(region.Y / s), 0, bitmap.Height - 1);
            var x1 = Math.Clamp((int)Math.Ceiling((region.X + region.Width) / s), x0 + 1, bitmap.Width);
            var y1 = Math.Clamp((int)Math.Ceiling((region.Y + region.Height) / s), y0 + 1, bitmap.Height);
            roi = new Rect(x0, y0, x1 - x0, y1 - y0);
        }

        using var view = new Mat(rgba, roi);
        using var grey = new Mat();
        Cv2.CvtColor(view, grey, ColorConversionCodes.RGBA2GRAY);
        using var sized = new Mat();
        var width = Math.Max(1, (int)Math.Round(roi.Width * resize));
        var height = Math.Max(1, (int)Math.Round(roi.Height * resize));
        if (width == roi.Width && height == roi.Height)
        {
            grey.CopyTo(sized);
        }
        else
        {
            Cv2.Resize(grey, sized, new Size(width, height), 0, 0, resize < 1 ? InterpolationFlags.Area : InterpolationFlags.Cubic);
        }

        var fx = roi.Width / (double)width;
        var fy = roi.Height / (double)height;
        using var sift = SIFT.Create(keypoints);
        using var descriptors = new Mat();
        sift.DetectAndCompute(sized, null, out var found, descriptors);
        var count = Math.Min(found.Length, descriptors.Rows);
        var points = new float[count * 2];
        var bytes = new byte[count * CoreFeatures.DescriptorLength];
        float[] values = [];
        if (count > 0)
        {
            descriptors.GetArray(out values);
        }

        for (var i = 0; i < count; i++)
        {
            points[2 * i] = (float)(((found[i].Pt.X * fx) + roi.X) * image.Scale);
            points[(2 * i) + 1] = (float)(((found[i].Pt.Y * fy) + roi.Y) * image.Scale);
            for (var k = 0; k < CoreFeatures.DescriptorLength; k++)
            {
                var at = (i * CoreFeatures.DescriptorLength) + k;
                bytes[at] = (byte)Math.Clamp((int)MathF.Round(values[at]), 0, 255);
            }
        }

        return new CoreFeatures(FeatureKind, points, bytes, region, (float)(image.Scale * Math.Max(fx, fy)));
    }
}
