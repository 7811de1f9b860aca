namespace Personalization.Core.Preference;

/// <summary>
/// The line from the disliked references to the liked ones on one dimension, with each feature scaled by how much it
/// varies within the two sides (a diagonal linear discriminant) and its difference between the sides shrunk toward
/// none (nearest shrunken centroids, Tibshirani et al. 2002): a feature on which the sides differ by less than
/// <see cref="Shrinkage"/> standard errors — what different photos differ by anyway — is left out, and the others count
/// by how consistently the sides differ, however small the difference. <see cref="Position"/> is linear, so two
/// candidates both beyond the liked side are still ordered.
/// </summary>
/// <param name="Liked">Shrunken centroid of the liked side.</param>
/// <param name="Disliked">Shrunken centroid of the disliked side.</param>
/// <param name="Scale">Per feature, the spread within the sides (pooled standard deviation, at least <see cref="MinScale"/>).</param>
public sealed record SideAxis(float[] Liked, float[] Disliked, float[] Scale)
{
    /// <summary>The least spread a feature is given: features vary on about a 0..1 scale, so 1 % of it.</summary>
    public const float MinScale = 0.01f;

    /// <summary>
    /// How many standard errors of the difference between the sides' means are taken off each feature's difference:
    /// about the 10 % two-sided point of Student's t with the four degrees of freedom of three references a side.
    /// </summary>
    public const double Shrinkage = 2.0;

    /// <summary>The axis through two non-empty sides of equally long feature vectors.</summary>
    public static SideAxis Fit(IReadOnlyList<float[]> liked, IReadOnlyList<float[]> disliked)
    {
        ArgumentNullException.ThrowIfNull(liked);
        ArgumentNullException.ThrowIfNull(disliked);
        if (liked.Count == 0 || disliked.Count == 0)
        {
            throw new ArgumentException("an axis needs references on both sides");
        }

        var l = Mean(liked);
        var d = Mean(disliked);
        var scale = new float[l.Length];
        var dof = Math.Max(1, liked.Count + disliked.Count - 2);
        for (var f = 0; f < scale.Length; f++)
        {
            double ss = 0;
            foreach (var x in liked)
            {
                ss += (x[f] - l[f]) * (x[f] - l[f]);
            }

            foreach (var x in disliked)
            {
                ss += (x[f] - d[f]) * (x[f] - d[f]);
            }

            scale[f] = Math.Max(MinScale, (float)Math.Sqrt(ss / dof));
        }

        var standardError = Math.Sqrt((1.0 / liked.Count) + (1.0 / disliked.Count));
        for (var f = 0; f < scale.Length; f++)
        {
            var mid = (l[f] + d[f]) / 2;
            var diff = l[f] - d[f];
            var shrunk = Math.Sign(diff) * Math.Max(0, Math.Abs(diff) - (Shrinkage * standardError * scale[f]));
            l[f] = (float)(mid + (shrunk / 2));
            d[f] = (float)(mid - (shrunk / 2));
        }

        return new SideAxis(l, d, scale);
    }

    /// <summary>
    /// Where <paramref name="x"/> lies along the axis: 0 midway between the sides, +½ at the liked centroid, −½ at the
    /// disliked one, linear beyond; 0 when the sides do not differ at all.
    /// </summary>
    public double Position(float[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double along = 0, gap = 0;
        for (var f = 0; f < Scale.Length; f++)
        {
            var s2 = Scale[f] * (double)Scale[f];
            var diff = Liked[f] - (double)Disliked[f];
            along += diff * (x[f] - ((Liked[f] + (double)Disliked[f]) / 2)) / s2;
            gap += diff * diff / s2;
        }

        return gap < 1e-12 ? 0 : along / gap;
    }

    private static float[] Mean(IReadOnlyList<float[]> vectors)
    {
        var c = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            for (var f = 0; f < c.Length; f++)
            {
                c[f] += v[f];
            }
        }

        for (var f = 0; f < c.Length; f++)
        {
            c[f] /= vectors.Count;
        }

        return c;
    }
}
