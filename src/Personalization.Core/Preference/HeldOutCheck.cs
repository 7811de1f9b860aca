namespace Personalization.Core.Preference;

/// <summary>
/// How consistently a dimension tells the liked references from the disliked ones, judged on references it has not
/// seen: each reference in turn is left out, the <see cref="SideAxis"/> is fitted to the others, and the left-out one
/// is placed on it. A dimension on which the sides differ only by chance (the photos happened to differ) places
/// left-out references at random or on the wrong side; one that carries the taste places them on their own side.
/// Needs at least two references on each side.
/// </summary>
/// <param name="Consistency">The share of left-out references placed on their own side, 0..1.</param>
/// <param name="Margin">The mean distance of the left-out references into their own side, in axis units (½ = at their
/// side's centroid), each clamped to ±1, and never below 0: how far the dimension can be trusted to order candidates.</param>
/// <param name="Spread">The standard deviation of those clamped distances: how far an unseen photo of either side
/// strays from where its side lies on this dimension (what the photo shows moves it; the taste does not).</param>
public sealed record HeldOutCheck(double Consistency, double Margin, double Spread = 0)
{
    /// <summary>
    /// The least variance <see cref="Evidence"/> divides by: three references a side estimate a spread poorly, and a
    /// dimension on which the few left-out references happened to land close together must not count without bound.
    /// </summary>
    public const double MinVariance = 0.09;

    /// <summary>
    /// How much a difference of one axis unit between two candidates on this dimension says about which one is the
    /// liked kind, as a log-likelihood ratio: with unseen liked photos placed about <see cref="Margin"/> into their
    /// side and disliked ones as far into theirs, each with the spread <see cref="Spread"/>, two candidates at
    /// positions a and b are evidence 2·margin·(a − b)/spread² for the first being the liked one. A dimension whose
    /// sides the content blurs (large spread) counts little, however far apart its centroids are.
    /// </summary>
    public double Evidence => 2 * Margin / Math.Max(MinVariance, Spread * Spread);

    public static bool CanCheck(int liked, int disliked) => liked >= 2 && disliked >= 2;

    public static HeldOutCheck Run(IReadOnlyList<float[]> liked, IReadOnlyList<float[]> disliked)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        if (!CanCheck(liked.Count, disliked.Count))
        {
            throw new ArgumentException("a held-out check needs at least two references on each side");
        }

        var into = new List<double>(liked.Count + disliked.Count);
        for (var i = 0; i < liked.Count; i++)
        {
            var axis = SideAxis.Fit([.. liked.Where((_, k) => k != i)], disliked);
            into.Add(axis.Position(liked[i]));
        }

        for (var i = 0; i < disliked.Count; i++)
        {
            var axis = SideAxis.Fit(liked, [.. disliked.Where((_, k) => k != i)]);
            into.Add(-axis.Position(disliked[i]));
        }

        var consistency = into.Count(p => p > 0) / (double)into.Count;
        var clamped = into.Select(p => Math.Clamp(p, -1, 1)).ToList();
        var mean = clamped.Average();
        var spread = Math.Sqrt(clamped.Sum(p => (p - mean) * (p - mean)) / Math.Max(1, clamped.Count - 1));
        return new HeldOutCheck(Math.Round(consistency, 4), Math.Round(Math.Max(0, mean), 4), Math.Round(spread, 4));
    }
}
