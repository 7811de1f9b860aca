using Personalization.Core.Domain;
using Personalization.Models.Imaging;

namespace Personalization.Models.Analysis;

/// <summary>
/// The object region of a reference photo: the user's box when one was drawn (checked against the photo), else the
/// detection that is both large and near the centre (people photograph what they own in the middle), else the middle of
/// the photo. Never the whole photo when it can be cut: the room a reference was taken in is not the concept, and other
/// things the owner photographed in that room would match it.
/// </summary>
internal static class ReferenceFocusChooser
{
    /// <summary>A detection counts only when its centre lies in the middle of the photo: this fraction of each side.</summary>
    /// <remarks>
    /// 0.4: its centre within the middle 40 % of each side. At 0.6 a car parked behind the subject, or a lamp beside it,
    /// was taken for the subject when the subject itself is not a COCO class (synthetic benchmark, seed 7: 2 of 24
    /// references); at 0.4 those fall to the middle of the photo and its cut (docs/thresholds.md, "The reference's object").
    /// </remarks>
    internal const double CentralBand = 0.4;

    /// <summary>A detection smaller than this share of the photo is something beside the subject, not the subject.</summary>
    internal const double MinDetectionShare = 0.04;

    /// <summary>Without a detection there, the focus is the middle of the photo: this fraction of each side.</summary>
    internal const double CentreFraction = 0.6;

    public static ReferenceFocus Choose(BoundingBox? drawn, IReadOnlyList<Core.Domain.Detection> detections, int width, int height, bool hint = false)
    {
        if (drawn is not null)
        {
            return new ReferenceFocus(Validate(drawn, width, height), hint ? ReferenceFocus.Found : ReferenceFocus.User, null);
        }

        var whole = new BoundingBox(0, 0, width, height);
        Core.Domain.Detection? best = null;
        var bestValue = 0.0;
        var halfDiagonal = Math.Sqrt((width * width) + (height * height)) / 2;
        foreach (var d in detections)
        {
            var fraction = d.Box.Area / whole.Area;
            if (fraction < MinDetectionShare || fraction > 0.9)
            {
                continue;
            }

            var dx = d.Box.X + (d.Box.Width / 2) - (width / 2.0);
            var dy = d.Box.Y + (d.Box.Height / 2) - (height / 2.0);
            if (Math.Abs(dx) > CentralBand * width / 2 || Math.Abs(dy) > CentralBand * height / 2)
            {
                continue;
            }

            var centrality = 1 - Math.Min(1, Math.Sqrt((dx * dx) + (dy * dy)) / halfDiagonal);
            var value = Math.Sqrt(fraction) * centrality * (0.5 + (0.5 * d.Objectness));
            if (value > bestValue)
            {
                bestValue = value;
                best = d;
            }
        }

        if (best is not null)
        {
            return new ReferenceFocus(Pad(best.Box, 0.1f, width, height), ReferenceFocus.Detector, best.Label);
        }

        var centre = new BoundingBox((float)(width * (1 - CentreFraction) / 2), (float)(height * (1 - CentreFraction) / 2), (float)(width * CentreFraction), (float)(height * CentreFraction));
        return Math.Min(centre.Width, centre.Height) < 32
            ? new ReferenceFocus(whole, ReferenceFocus.Whole, null)
            : new ReferenceFocus(centre, ReferenceFocus.Centre, null);
    }

    /// <summary>A drawn box must have a size and lie inside the photo (a pixel of rounding allowed).</summary>
    /// <exception cref="ImageRejectedException">The box is empty, negative or outside the photo.</exception>
    public static BoundingBox Validate(BoundingBox box, int width, int height)
    {
        var text = box.ToText();
        if (!float.IsFinite(box.X) || !float.IsFinite(box.Y) || !float.IsFinite(box.Width) || !float.IsFinite(box.Height) || box.Width <= 0 || box.Height <= 0)
        {
            throw new ImageRejectedException($"box {text} has zero or negative size");
        }

        if (box.X < 0 || box.Y < 0 || box.X + box.Width > width + 1 || box.Y + box.Height > height + 1)
        {
            throw new ImageRejectedException($"box {text} lies outside the {width}×{height} photo");
        }

        if (Math.Min(box.Width, box.Height) < 8)
        {
            throw new ImageRejectedException($"box {text} is too small (under 8 pixels)");
        }

        return new BoundingBox(box.X, box.Y, Math.Min(box.Width, width - box.X), Math.Min(box.Height, height - box.Y));
    }

    /// <summary>The part of <paramref name="box"/> inside <paramref name="bounds"/> (the bounds when they do not meet).</summary>
    internal static BoundingBox Within(BoundingBox box, BoundingBox bounds)
    {
        var x0 = Math.Max(box.X, bounds.X);
        var y0 = Math.Max(box.Y, bounds.Y);
        var x1 = Math.Min(box.X + box.Width, bounds.X + bounds.Width);
        var y1 = Math.Min(box.Y + box.Height, bounds.Y + bounds.Height);
        return x1 - x0 < 8 || y1 - y0 < 8 ? bounds : new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    internal static BoundingBox Pad(BoundingBox box, float fraction, int width, int height)
    {
        var px = box.Width * fraction;
        var py = box.Height * fraction;
        var x0 = Math.Max(0, box.X - px);
        var y0 = Math.Max(0, box.Y - py);
        var x1 = Math.Min(width, box.X + box.Width + px);
        var y1 = Math.Min(height, box.Y + box.Height + py);
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }
}
