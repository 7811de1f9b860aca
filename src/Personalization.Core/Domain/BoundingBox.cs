namespace Personalization.Core.Domain;

/// <summary>An axis-aligned box in original-image pixels: top-left corner, width and height.</summary>
public sealed record BoundingBox(float X, float Y, float Width, float Height)
{
    /// <summary>
    /// Reads <c>x,y,width,height</c> (invariant numbers; the one text form of a box in every host: CLI, HTTP, blob
    /// metadata, CSV). Whether it fits a photo is checked where the photo is decoded.
    /// </summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BoundingBox? box, out string error)
    {
        box = null;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
        {
            error = $"box '{Shorten(text)}' is not x,y,width,height";
            return false;
        }

        var v = new float[4];
        for (var i = 0; i < 4; i++)
        {
            if (!float.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v[i]) || !float.IsFinite(v[i]))
            {
                error = $"box '{Shorten(text)}': '{Shorten(parts[i])}' is not a number";
                return false;
            }
        }

        if (v[2] <= 0 || v[3] <= 0)
        {
            error = $"box '{Shorten(text)}' has zero or negative size";
            return false;
        }

        box = new BoundingBox(v[0], v[1], v[2], v[3]);
        error = string.Empty;
        return true;
    }

    private static string Shorten(string? text) => text is null ? string.Empty : new string([.. text.Take(40).Where(c => !char.IsControl(c))]);

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>The text form <see cref="TryParse"/> reads: <c>x,y,width,height</c>, invariant numbers.</summary>
    public string ToText() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{X:0.#},{Y:0.#},{Width:0.#},{Height:0.#}");

    /// <summary>The area this box shares with <paramref name="other"/>.</summary>
    public float IntersectionArea(BoundingBox other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var x1 = Math.Max(X, other.X);
        var y1 = Math.Max(Y, other.Y);
        var x2 = Math.Min(X + Width, other.X + other.Width);
        var y2 = Math.Min(Y + Height, other.Y + other.Height);
        return Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1);
    }

    public float IntersectionOverUnion(BoundingBox other)
    {
        var inter = IntersectionArea(other);
        var union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
