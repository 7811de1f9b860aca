namespace Personalization.Models.Preference;

/// <summary>
/// The black and white points of an image, per channel: the value below which the darkest 0.5 % (above which the
/// brightest 0.5 %) of each channel's pixels lie, on a 0..1 scale. Their colour is a measure of a colour cast that
/// does not depend on what the photo shows: a photo's deepest shadows and brightest highlights are near neutral,
/// while a cast blended into every pixel tints both (the blacks are lifted toward the cast, the whites pulled toward
/// it) — the same anchors a levels tool shows.
/// </summary>
/// <param name="Black">R, G, B of the black point.</param>
/// <param name="White">R, G, B of the white point.</param>
public sealed record ToneAnchors(float[] Black, float[] White)
{
    /// <summary>The share of pixels cut off at each end.</summary>
    public const double Tail = 0.005;

    /// <summary>A neutral full range: black at 0, white at 1.</summary>
    public static ToneAnchors Neutral { get; } = new([0, 0, 0], [1, 1, 1]);

    /// <summary>How far the blacks are lifted above 0 (the darkest channel of the black point).</summary>
    public double BlackLift => Black.Min();

    /// <summary>How far the whites are pulled below 1 (1 − the brightest channel of the white point).</summary>
    public double WhiteDrop => 1 - White.Max();

    /// <summary>
    /// The tint of an anchor as two opponent components: red against blue, and green against red and blue
    /// (0, 0 for a neutral grey).
    /// </summary>
    public static (double RedBlue, double Green) Tint(float[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        return (rgb[0] - rgb[2], rgb[1] - ((rgb[0] + rgb[2]) / 2.0));
    }

    /// <summary>The anchors of three per-channel histograms of <paramref name="total"/> pixels each.</summary>
    public static ToneAnchors FromHistograms(int[] red, int[] green, int[] blue, int total)
    {
        ArgumentNullException.ThrowIfNull(red);
        ArgumentNullException.ThrowIfNull(green);
        ArgumentNullException.ThrowIfNull(blue);
        if (total <= 0)
        {
            return Neutral;
        }

        var cut = Math.Max(1, (int)Math.Ceiling(Tail * total));
        float Low(int[] h) => Quantile(h, cut) / 255f;
        float High(int[] h) => (255 - Quantile([.. h.Reverse()], cut)) / 255f;
        return new ToneAnchors([Low(red), Low(green), Low(blue)], [High(red), High(green), High(blue)]);
    }

    /// <summary>The first value at which the running count reaches <paramref name="count"/>.</summary>
    private static int Quantile(int[] histogram, int count)
    {
        var seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= count)
            {
                return v;
            }
        }

        return histogram.Length - 1;
    }
}
