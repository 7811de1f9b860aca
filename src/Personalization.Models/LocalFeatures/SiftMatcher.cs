using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using CoreFeatures = Personalization.Core.Domain.LocalFeatures;

namespace Personalization.Models.LocalFeatures;

/// <summary>
/// Geometric verification with RootSIFT: every reference keypoint is matched to its nearest query keypoint (integer
/// dot products, eight query keypoints per AVX-VNNI or AVX2 instruction: <see cref="RootSiftCodes"/>), kept by Lowe's ratio test, and the matches are fitted with a similarity transform
/// by RANSAC (OpenCV's <c>estimateAffinePartial2D</c>: 4 degrees of freedom, the model that fits a rigid object seen
/// again at another place and size). Inliers are counted once per query keypoint, so many reference points piling onto
/// one query point cannot inflate them. References are matched in parallel. Thread-safe.
/// </summary>
public sealed class SiftMatcher(IOptions<LocalFeatureOptions> options) : ILocalFeatureMatcher
{
    private const int MinimumMatches = 3;
    private readonly LocalFeatureOptions _options = options.Value;

    // A reference's codes, encoded once per reference object (references live as long as their concept is loaded).
    private readonly ConditionalWeakTable<CoreFeatures, byte[]> _referenceCodes = [];

    // A reference photo's surroundings, encoded once as the searched side.
    private readonly ConditionalWeakTable<CoreFeatures, QueryCodes> _roomCodes = [];

    public string Kind => SiftExtractor.FeatureKind;

    public IReadOnlyList<LocalMatch> Match(CoreFeatures query, IReadOnlyList<CoreFeatures> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(references);
        var results = new LocalMatch[references.Count];
        Array.Fill(results, LocalMatch.None);
        if (query.Kind != Kind || !query.IsWellFormed || query.Count < 2 || references.Count == 0)
        {
            return results;
        }

        var queryCodes = QueryCodes.Encode(query.Descriptors, query.Count);
        var parallel = Parallelism(cancellationToken);
        Parallel.For(0, references.Count, parallel, i =>
        {
            var reference = references[i];
            if (reference.Kind == Kind && reference.IsWellFormed && reference.Count >= MinimumMatches)
            {
                results[i] = MatchOne(query, queryCodes, reference);
            }
        });
        return results;
    }

    public IReadOnlySet<int> OnRooms(CoreFeatures query, IReadOnlyCollection<int> keypoints, IReadOnlyList<CoreFeatures> rooms, int minInliers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keypoints);
        ArgumentNullException.ThrowIfNull(rooms);
        var points = keypoints.Where(k => k >= 0 && k < query.Count).Distinct().ToList();
        if (query.Kind != Kind || !query.IsWellFormed || points.Count <= Math.Max(minInliers, MinimumMatches - 1) || rooms.Count == 0)
        {
            return new HashSet<int>();
        }

        // The query's keypoints take the reference side (each finds its nearest in the room, ratio-tested against the room's
        // other keypoints), so every room is searched with the same few codes.
        var subset = SiftExtractor.Subset(query, points) with { Region = null };
        var subsetCodes = RootSiftCodes.Encode(subset.Descriptors, subset.Count, 127f);
        var found = new HashSet<int>[rooms.Count];
        var parallel = Parallelism(cancellationToken);
        Parallel.For(0, rooms.Count, parallel, i =>
        {
            var room = rooms[i];
            found[i] = [];
            if (room.Kind == Kind && room.IsWellFormed && room.Count >= 2)
            {
                var roomCodes = _roomCodes.GetValue(room, r => QueryCodes.Encode(r.Descriptors, r.Count));
                if (Fit(room, roomCodes, subset, subsetCodes) is { } fit && fit.ReferenceInliers.Count > minInliers)
                {
                    found[i] = [.. fit.ReferenceInliers.Select(k => points[k])];
                }
            }
        });
        return found.SelectMany(f => f).ToHashSet();
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) => new()
    {
        CancellationToken = cancellationToken,
        MaxDegreeOfParallelism = _options.Parallelism > 0 ? _options.Parallelism : Environment.ProcessorCount,
    };

    private LocalMatch MatchOne(CoreFeatures query, QueryCodes queryCodes, CoreFeatures reference)
    {
        var codes = _referenceCodes.GetValue(reference, r => RootSiftCodes.Encode(r.Descriptors, r.Count, 127f));
        var fit = Fit(query, queryCodes, reference, codes);
        if (fit is null)
        {
            return LocalMatch.None;
        }

        if (fit.QueryInliers.Count == 0)
        {
            return new LocalMatch(fit.Tentative, 0, null);
        }

        var box = reference.Region is { } region ? Transform(region, fit.Transform!) : fit.InlierBox;
        return new LocalMatch(fit.Tentative, fit.QueryInliers.Count, box, [.. fit.QueryInliers]);
    }

    /// <summary>
    /// Matches every reference keypoint to its nearest query keypoint (Lowe's ratio) and fits the matches with a similarity
    /// transform by RANSAC. Null when there were no tentative matches at all; no inliers when there were too few or no fit.
    /// </summary>
    private Fitted? Fit(CoreFeatures query, QueryCodes queryCodes, CoreFeatures reference, byte[] codes)
    {
        var nearest = new (int Best, int Second, int BestIndex)[reference.Count];
        RootSiftCodes.TopTwo(queryCodes, codes, nearest);
        var ratio2 = (float)(_options.Ratio * _options.Ratio);
        var from = new List<Point2f>();
        var fromIndex = new List<int>();
        var to = new List<Point2f>();
        var toIndex = new List<int>();
        for (var i = 0; i < reference.Count; i++)
        {
            var (best, second, j) = nearest[i];
            if (j < 0 || second == int.MinValue)
            {
                continue;
            }

            // Unit vectors: squared distance = 2 − 2·cos.
            var d1 = 2f - (2f * best / RootSiftCodes.Unit);
            var d2 = 2f - (2f * second / RootSiftCodes.Unit);
            if (d1 < ratio2 * d2)
            {
                from.Add(new Point2f(reference.Points[2 * i], reference.Points[(2 * i) + 1]));
                fromIndex.Add(i);
                to.Add(new Point2f(query.Points[2 * j], query.Points[(2 * j) + 1]));
                toIndex.Add(j);
            }
        }

        var none = new Fitted(from.Count, [], [], [], null);
        if (from.Count < MinimumMatches)
        {
            return from.Count == 0 ? null : none;
        }

        using var source = Mat.FromArray(from.ToArray());
        using var target = Mat.FromArray(to.ToArray());
        using var mask = new Mat();
        using var transform = Cv2.EstimateAffinePartial2D(source, target, mask, RobustEstimationAlgorithms.RANSAC, _options.RansacPixels * query.PixelScale, 2000, 0.99, 10);
        if (transform is null || transform.Empty() || mask.Empty())
        {
            return none;
        }

        mask.GetArray(out byte[] flags);
        transform.GetArray(out double[] t);
        var scale = Math.Sqrt((t[0] * t[0]) + (t[3] * t[3]));
        if (double.IsNaN(scale) || scale < 0.02 || scale > 50)
        {
            return none;
        }

        var distinct = new HashSet<int>();
        var referenceInliers = new List<int>();
        float x0 = float.MaxValue, y0 = float.MaxValue, x1 = float.MinValue, y1 = float.MinValue;
        for (var k = 0; k < flags.Length; k++)
        {
            if (flags[k] != 0 && distinct.Add(toIndex[k]))
            {
                referenceInliers.Add(fromIndex[k]);
                x0 = Math.Min(x0, to[k].X);
                y0 = Math.Min(y0, to[k].Y);
                x1 = Math.Max(x1, to[k].X);
                y1 = Math.Max(y1, to[k].Y);
            }
        }

        return distinct.Count == 0 ? none : new Fitted(from.Count, distinct, referenceInliers, t, new BoundingBox(x0, y0, x1 - x0, y1 - y0));
    }

    /// <summary>The reference's region carried into the query by the fitted transform (its corners' bounding box, clipped at 0).</summary>
    private static BoundingBox Transform(BoundingBox region, double[] t)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new[] { (region.X, region.Y), (region.X + region.Width, region.Y), (region.X, region.Y + region.Height), (region.X + region.Width, region.Y + region.Height) })
        {
            var u = (t[0] * x) + (t[1] * y) + t[2];
            var v = (t[3] * x) + (t[4] * y) + t[5];
            minX = Math.Min(minX, u);
            minY = Math.Min(minY, v);
            maxX = Math.Max(maxX, u);
            maxY = Math.Max(maxY, v);
        }

        minX = Math.Max(0, minX);
        minY = Math.Max(0, minY);
        return new BoundingBox((float)minX, (float)minY, (float)Math.Max(0, maxX - minX), (float)Math.Max(0, maxY - minY));
    }

    /// <summary>A RANSAC fit: tentative matches, the inliers (distinct query keypoints, and the reference keypoint each came
    /// from), the transform and the inliers' box in the query.</summary>
    private sealed record Fitted(int Tentative, IReadOnlyCollection<int> QueryInliers, IReadOnlyList<int> ReferenceInliers, double[]? Transform, BoundingBox? InlierBox);
}
