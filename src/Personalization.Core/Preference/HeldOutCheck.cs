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
public sealed record HeldOutCheck(double Consistency, double Margin)
{
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
        var margin = Math.Max(0, into.Average(p => Math.Clamp(p, -1, 1)));
        return new HeldOutCheck(Math.Round(consistency, 4), Math.Round(margin, 4));
    }
}
