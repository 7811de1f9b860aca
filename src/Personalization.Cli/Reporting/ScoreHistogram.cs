using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// An inline SVG histogram of scores, bars stacked by outcome (correct, wrong, or just answered when nothing is known
/// of the truth), with a vertical line at each threshold. The svg carries its scale (<c>data-min</c>, <c>data-max</c>,
/// <c>data-left</c>, <c>data-width</c>) so a reader can map any x back to a score.
/// </summary>
internal static class ScoreHistogram
{
    public const double Left = 36;
    public const double PlotWidth = 560;
    private const double Top = 22;
    private const double PlotHeight = 120;
    private const double Bottom = 34;

    /// <param name="values">Each photo's score and outcome kind: "correct", "wrong" or "answered".</param>
    /// <param name="thresholds">Label, configuration key and value of each line; lines at the same value are drawn once, labelled with both names.</param>
    public static void Append(StringBuilder html, string cssClass, string title, double binWidth, IReadOnlyList<(double Value, string Kind)> values, IReadOnlyList<(string Label, string Key, double Value)> thresholds)
    {
        var c = CultureInfo.InvariantCulture;
        values = [.. values.Where(v => double.IsFinite(v.Value))];
        if (values.Count == 0)
        {
            return;
        }

        var all = values.Select(v => v.Value).Concat(thresholds.Select(t => t.Value)).ToList();
        var min = Math.Floor(all.Min() / binWidth) * binWidth;
        var max = Math.Ceiling(all.Max() / binWidth) * binWidth;
        if (max - min < binWidth * 5)
        {
            max = min + (binWidth * 5);
        }

        var bins = (int)Math.Round((max - min) / binWidth);
        var kinds = new[] { "correct", "wrong", "answered" };
        var counts = new int[bins, kinds.Length];
        foreach (var (value, kind) in values)
        {
            var bin = Math.Clamp((int)Math.Floor((value - min) / binWidth), 0, bins - 1);
            counts[bin, Math.Max(0, Array.IndexOf(kinds, kind))]++;
        }

        var highest = Enumerable.Range(0, bins).Max(b => Enumerable.Range(0, kinds.Length).Sum(k => counts[b, k]));
        var width = Left + PlotWidth + 10;
        var height = Top + PlotHeight + Bottom;
        double X(double v) => Left + ((v - min) / (max - min) * PlotWidth);
        html.Append(c, $"<figure class=\"chart\"><figcaption>{HtmlEncode(title)}</figcaption><svg class=\"histogram {cssClass}\" viewBox=\"0 0 {width:F0} {height:F0}\" width=\"{width:F0}\" height=\"{height:F0}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{HtmlEncode(title)}\" data-min=\"{min:R}\" data-max=\"{max:R}\" data-left=\"{Left:R}\" data-width=\"{PlotWidth:R}\">")
            .Append(c, $"<line class=\"axis\" x1=\"{Left:F1}\" y1=\"{Top + PlotHeight:F1}\" x2=\"{Left + PlotWidth:F1}\" y2=\"{Top + PlotHeight:F1}\"/>")
            .Append(c, $"<text class=\"tick\" x=\"{Left - 4:F1}\" y=\"{Top + 8:F1}\" text-anchor=\"end\">{highest}</text><text class=\"tick\" x=\"{Left - 4:F1}\" y=\"{Top + PlotHeight:F1}\" text-anchor=\"end\">0</text>");
        for (var b = 0; b < bins; b++)
        {
            var y = Top + PlotHeight;
            for (var k = 0; k < kinds.Length; k++)
            {
                var n = counts[b, k];
                if (n == 0)
                {
                    continue;
                }

                var h = n / (double)highest * PlotHeight;
                y -= h;
                var from = min + (b * binWidth);
                html.Append(c, $"<rect class=\"bar {kinds[k]}\" x=\"{X(from) + 0.5:F2}\" y=\"{y:F2}\" width=\"{Math.Max(1, (PlotWidth / bins) - 1):F2}\" height=\"{h:F2}\"><title>{from:F2}–{from + binWidth:F2}: {n} {kinds[k]}</title></rect>");
            }
        }

        var step = NiceStep(max - min);
        for (var t = Math.Ceiling(min / step) * step; t <= max + 1e-9; t += step)
        {
            html.Append(c, $"<text class=\"tick\" x=\"{X(t):F1}\" y=\"{Top + PlotHeight + 14:F1}\" text-anchor=\"middle\">{t:0.##}</text>");
        }

        foreach (var group in thresholds.GroupBy(t => t.Value))
        {
            var x = X(group.Key);
            var label = string.Join(" = ", group.Select(g => g.Label)) + string.Create(c, $" {group.Key:0.###}");
            html.Append(c, $"<g class=\"threshold\" data-keys=\"{HtmlEncode(string.Join(' ', group.Select(g => g.Key)))}\" data-value=\"{group.Key:R}\"><line x1=\"{x:F2}\" y1=\"{Top - 6:F1}\" x2=\"{x:F2}\" y2=\"{Top + PlotHeight:F1}\"/>")
                .Append(c, $"<text x=\"{x + 3:F1}\" y=\"{Top - 8:F1}\">{HtmlEncode(label)}</text></g>");
        }

        html.Append(c, $"<text class=\"tick\" x=\"{Left + (PlotWidth / 2):F1}\" y=\"{height - 4:F1}\" text-anchor=\"middle\">score (bins of {binWidth:0.###}); bars: photos</text></svg></figure>");
    }

    private static double NiceStep(double range) => range switch
    {
        <= 0.3 => 0.05,
        <= 0.6 => 0.1,
        <= 1.5 => 0.2,
        _ => 0.5,
    };
}
