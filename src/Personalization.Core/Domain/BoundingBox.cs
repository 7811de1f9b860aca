namespace Personalization.Core.Domain;

/// <summary>An axis-aligned box in original-image pixels: top-left corner, width and height.</summary>
public sealed record BoundingBox(float X, float Y, float Width, float Height)
{
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public float IntersectionOverUnion(BoundingBox other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var x1 = Math.Max(X, other.X);
        var y1 = Math.Max(Y, other.Y);
        var x2 = Math.Min(X + Width, other.X + other.Width);
        var y2 = Math.Min(Y + Height, other.Y + other.Height);
        var inter = Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1);
        var union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
