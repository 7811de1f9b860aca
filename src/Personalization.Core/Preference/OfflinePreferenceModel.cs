using System.Globalization;
using System.Numerics.Tensors;

namespace Personalization.Core.Preference;

/// <summary>
/// PreferThinker's predict-then-assess without a VLM, deterministic. The profile of a dimension is what
/// distinguishes the liked references from the disliked ones there: the two centroids of their measured
/// features, each feature's spread within the sides (<see cref="SideAxis"/>), the terms typical of each side, a
/// weight — the distance between the centroids over the spread within each side — and, with two or more references
/// on each side, how consistently the dimension places references it has not seen on their own side
/// (<see cref="HeldOutCheck"/>). A candidate fits a dimension as far as it lies along the axis toward the liked side;
/// the verdict weighs the dimensions by their held-out margin (a dimension on which the references differ only
/// because they are different photos counts for nothing) or, where no dimension passes that check or there are too
/// few references to hold one out, by their weight.
/// </summary>
public static class OfflinePreferenceModel
{
    public const string Version = "offline-axes-v2";

    /// <summary>
    /// A dimension names likes and dislikes only when the liked and disliked references differ on it: their centroids
    /// at least as far apart as the spread within the two sides (the weight ≥ 1).
    /// </summary>
    public const double MinSeparation = 1.0;

    /// <summary>A term is a like (dislike) only when it describes at least this much more of the liked (disliked) side.</summary>
    public const double MinShareDifference = 0.5;

    private const string Likes = "likes";
    private const string Dislikes = "dislikes";

    public static PreferenceProfile BuildProfile(string owner, IReadOnlyList<DescribedImage> liked, IReadOnlyList<DescribedImage> disliked, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        if (liked.Count == 0)
        {
            throw new PreferenceException("a profile needs at least one liked image");
        }

        var dimensions = new List<DimensionProfile>();
        foreach (var dimension in Enum.GetValues<PreferenceDimension>())
        {
            var likedFeatures = liked.Select(i => i.Dimensions[dimension].Features).ToList();
            var dislikedFeatures = disliked.Select(i => i.Dimensions[dimension].Features).ToList();
            var likedCentroid = Centroid(likedFeatures);
            var dislikedCentroid = dislikedFeatures.Count == 0 ? null : Centroid(dislikedFeatures);
            var spread = Spread(likedFeatures, likedCentroid) + (dislikedCentroid is null ? 0 : Spread(dislikedFeatures, dislikedCentroid));
            var weight = dislikedCentroid is null ? 1.0 : TensorPrimitives.Distance(likedCentroid, dislikedCentroid) / (spread + 0.05);
            var support = dislikedCentroid is not null && weight >= MinSeparation
                ? TypicalTerms(liked, disliked, dimension, likedCentroid, dislikedCentroid)
                : [];
            var axis = dislikedCentroid is null ? null : SideAxis.Fit(likedFeatures, dislikedFeatures);
            var heldOut = HeldOutCheck.CanCheck(likedFeatures.Count, dislikedFeatures.Count) ? HeldOutCheck.Run(likedFeatures, dislikedFeatures) : null;
            dimensions.Add(new DimensionProfile(
                dimension,
                [.. support.Where(t => t.Side == Likes).Select(t => t.Term)],
                [.. support.Where(t => t.Side == Dislikes).Select(t => t.Term)],
                likedCentroid,
                dislikedCentroid,
                Math.Round(weight, 4),
                support)
            {
                Axis = axis,
                HeldOut = heldOut,
            });
        }

        return new PreferenceProfile(owner, Version, liked.Count, disliked.Count, dimensions, createdAt);
    }

    /// <summary>Judges A against B with the profile, and again with the two swapped to check for position bias.</summary>
    public static PreferenceVerdict Judge(PreferenceProfile profile, DescribedImage a, DescribedImage b)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.ContentHash == b.ContentHash)
        {
            throw new PreferenceException($"the two candidates are the same image ({a.Id} and {b.Id})");
        }

        var (assessments, margin) = Assess(profile, a, b);
        var (_, swappedMargin) = Assess(profile, b, a);
        var preferred = margin >= 0 ? "A" : "B";
        var consistent = Math.Sign(margin) == -Math.Sign(swappedMargin) || (margin == 0 && swappedMargin == 0);
        var confidence = 1.0 / (1.0 + Math.Exp(-8 * Math.Abs(margin)));
        var decisive = assessments.OrderByDescending(x => x.Weight * Math.Abs(x.ScoreA - x.ScoreB)).First();
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{preferred} fits the profile better overall (weighted margin {margin:+0.000;-0.000}); most telling: {Name(decisive.Dimension)} ({decisive.ScoreA:F2} vs {decisive.ScoreB:F2})");
        return new PreferenceVerdict(a.Id, b.Id, preferred, Math.Round(confidence, 4), assessments, consistent, Version, reason);
    }

    /// <summary>
    /// Per-dimension fit of each candidate, and the weighted margin of A over B in [-1, 1]: where some dimension passed
    /// the held-out check, the fits along the shrunken axes weighed by the held-out margins; otherwise the fits to the
    /// unshrunk centroids weighed by <see cref="DimensionProfile.Weight"/> (with no dimension to trust, a difference
    /// too small to survive the shrinkage is still the best guess there is, where the shrunken axes would call a tie).
    /// </summary>
    private static (List<DimensionAssessment> Rows, double Margin) Assess(PreferenceProfile profile, DescribedImage a, DescribedImage b)
    {
        var rows = new List<DimensionAssessment>();
        double total = 0, weights = 0;
        var heldOut = profile.Dimensions.Sum(d => d.HeldOut?.Margin ?? 0) > 0;
        foreach (var d in profile.Dimensions)
        {
            var da = a.Dimensions[d.Dimension];
            var db = b.Dimensions[d.Dimension];
            var fa = Fit(d, da.Features);
            var fb = Fit(d, db.Features);
            var weight = heldOut ? d.HeldOut?.Margin ?? 0 : d.Weight;
            total += weight * (heldOut ? fa - fb : FitToCentroids(d, da.Features) - FitToCentroids(d, db.Features));
            weights += weight;

            var reason = $"A: {Describe(da)}; B: {Describe(db)}; liked: {Join(d.Likes)}; disliked: {Join(d.Dislikes)}";
            rows.Add(new DimensionAssessment(d.Dimension, Math.Round(fa, 4), Math.Round(fb, 4), weight, reason));
        }

        return (rows, weights == 0 ? 0 : total / weights);
    }

    /// <summary>
    /// How well <paramref name="x"/> fits the dimension, 0..1: along the <see cref="SideAxis"/>, ½ midway, 0.88 at the
    /// axis's (shrunken) liked centroid and 0.12 at its disliked one (a logistic of four times the position, so candidates beyond a
    /// centroid stay ordered); with no disliked side, closeness to the liked centroid.
    /// </summary>
    private static double Fit(DimensionProfile d, float[] x)
    {
        var toLiked = TensorPrimitives.Distance(x, d.LikedCentroid!);
        if (d.DislikedCentroid is null)
        {
            return Math.Exp(-toLiked);
        }

        if (d.Axis is not null)
        {
            var position = d.Axis.Position(x);
            return 1 / (1 + Math.Exp(-4 * position));
        }

        return FitToCentroids(d, x);
    }

    /// <summary>
    /// How much nearer <paramref name="x"/> lies to the liked centroid than to the disliked one, 0..1, by the centroids
    /// themselves (not shrunk): where no dimension's references could be held out, or none passed, a difference too
    /// small to survive the shrinkage is still the best guess there is.
    /// </summary>
    private static double FitToCentroids(DimensionProfile d, float[] x)
    {
        var toLiked = TensorPrimitives.Distance(x, d.LikedCentroid!);
        if (d.DislikedCentroid is null)
        {
            return Math.Exp(-toLiked);
        }

        var toDisliked = TensorPrimitives.Distance(x, d.DislikedCentroid);
        var gap = TensorPrimitives.Distance(d.LikedCentroid!, d.DislikedCentroid);
        return Math.Clamp(0.5 + ((toDisliked - toLiked) / (2 * gap + 1e-6)), 0, 1);
    }

    /// <summary>
    /// The terms that tell the two sides apart, with how sure each is: typical of one side (at least half of it), at
    /// least <see cref="MinShareDifference"/> more common there than on the other, and measured on that side — the
    /// references the term describes lie nearer that side's centroid than the other's (a user who liked the more
    /// colourful photos never "likes: muted").
    /// </summary>
    private static List<TermSupport> TypicalTerms(
        IReadOnlyList<DescribedImage> liked, IReadOnlyList<DescribedImage> disliked, PreferenceDimension dimension, float[] likedCentroid, float[] dislikedCentroid)
    {
        var likedShare = Shares(liked, dimension);
        var dislikedShare = Shares(disliked, dimension);
        List<TermSupport> Side(Dictionary<string, double> mine, Dictionary<string, double> theirs, string side, float[] near, float[] far) =>
            [.. mine.Where(t => t.Value >= 0.5 && t.Value - theirs.GetValueOrDefault(t.Key) >= MinShareDifference)
                .Where(t => MeasuredNearer(t.Key, near, far))
                .OrderByDescending(t => t.Value - theirs.GetValueOrDefault(t.Key)).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(5)
                .Select(t => side == Likes
                    ? new TermSupport(t.Key, side, Math.Round(t.Value, 4), Math.Round(theirs.GetValueOrDefault(t.Key), 4))
                    : new TermSupport(t.Key, side, Math.Round(theirs.GetValueOrDefault(t.Key), 4), Math.Round(t.Value, 4)))];

        bool MeasuredNearer(string term, float[] near, float[] far)
        {
            var described = liked.Concat(disliked)
                .Select(i => i.Dimensions[dimension])
                .Where(d => d.Terms.Contains(term, StringComparer.Ordinal))
                .Select(d => d.Features)
                .ToList();
            var centre = Centroid(described);
            return TensorPrimitives.Distance(centre, near) < TensorPrimitives.Distance(centre, far);
        }

        return [.. Side(likedShare, dislikedShare, Likes, likedCentroid, dislikedCentroid), .. Side(dislikedShare, likedShare, Dislikes, dislikedCentroid, likedCentroid)];
    }

    private static Dictionary<string, double> Shares(IReadOnlyList<DescribedImage> images, PreferenceDimension dimension) =>
        images.SelectMany(i => i.Dimensions[dimension].Terms.Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() / (double)Math.Max(1, images.Count), StringComparer.Ordinal);

    private static float[] Centroid(List<float[]> vectors)
    {
        var c = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            TensorPrimitives.Add(c, v, c);
        }

        TensorPrimitives.Divide(c, vectors.Count, c);
        return c;
    }

    private static double Spread(List<float[]> vectors, float[] centroid) =>
        vectors.Count == 0 ? 0 : vectors.Average(v => TensorPrimitives.Distance(v, centroid));

    private static string Describe(DimensionDescription d) => d.Terms.Count == 0 ? d.Measured : $"{Join(d.Terms.Take(3))} ({d.Measured})";

    private static string Join(IEnumerable<string> terms)
    {
        var list = terms.ToList();
        return list.Count == 0 ? "–" : string.Join(", ", list);
    }

    public static string Name(PreferenceDimension dimension) => dimension switch
    {
        PreferenceDimension.ArtStyle => "art style",
        PreferenceDimension.ArtMedium => "art medium",
        _ => dimension.ToString().ToLowerInvariant(),
    };
}
