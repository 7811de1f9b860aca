using System.Globalization;
using System.Text;
using Personalization.Core.Metrics;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// Per-concept F1 as horizontal bars in inline SVG, worst first, each bar a link to the concept's row in the index.
/// Only for a run with ground truth (eval, demo): without it there is no F1 to draw.
/// </summary>
internal static class F1Bars
{
    public const double LabelWidth = 150;
    public const double BarWidth = 360;
    private const double RowHeight = 16;

    public static void Append(StringBuilder html, IReadOnlyList<ConceptScores> perConcept, ConceptIndex concepts)
    {
        if (perConcept.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var rows = perConcept.OrderBy(p => p.F1).ThenBy(p => p.Concept, StringComparer.OrdinalIgnoreCase).ToList();
        var width = LabelWidth + BarWidth + 50;
        var height = (rows.Count * RowHeight) + 20;
        html.Append(c, $"<figure class=\"chart\"><figcaption>F1 per concept (worst first; a bar links to its row in the index)</figcaption><svg class=\"f1-bars\" viewBox=\"0 0 {width:F0} {height:F0}\" width=\"{width:F0}\" height=\"{height:F0}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"F1 per concept\" data-left=\"{LabelWidth:R}\" data-width=\"{BarWidth:R}\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var p = rows[i];
            var y = 4 + (i * RowHeight);
            var grade = p.F1 < 0.5 ? "low" : p.F1 < 0.8 ? "mid" : "high";
            var href = concepts.NumberOf(p.Concept) is { } n ? "#" + ConceptIndex.RowId(n) : "#index";
            html.Append(c, $"<a href=\"{href}\"><g class=\"f1 {grade}\" data-concept=\"{HtmlEncode(p.Concept)}\" data-f1=\"{p.F1:R}\">")
                .Append(c, $"<text class=\"label\" x=\"{LabelWidth - 6:F1}\" y=\"{y + 11:F1}\" text-anchor=\"end\">{HtmlEncode(p.Concept)}</text>")
                .Append(c, $"<rect x=\"{LabelWidth:F1}\" y=\"{y + 1:F1}\" width=\"{p.F1 * BarWidth:F2}\" height=\"{RowHeight - 3:F1}\"><title>{HtmlEncode(p.Concept)}: F1 {p.F1:F3} (precision {p.Precision:F3}, recall {p.Recall:F3}, {p.Correct}/{p.Queries} correct)</title></rect>")
                .Append(c, $"<text class=\"value\" x=\"{LabelWidth + (p.F1 * BarWidth) + 4:F1}\" y=\"{y + 11:F1}\">{p.F1:F2}</text></g></a>");
        }

        var axis = 4 + (rows.Count * RowHeight);
        html.Append(c, $"<line class=\"axis\" x1=\"{LabelWidth:F1}\" y1=\"{axis:F1}\" x2=\"{LabelWidth + BarWidth:F1}\" y2=\"{axis:F1}\"/>")
            .Append(c, $"<text class=\"tick\" x=\"{LabelWidth:F1}\" y=\"{axis + 12:F1}\" text-anchor=\"middle\">0</text><text class=\"tick\" x=\"{LabelWidth + BarWidth:F1}\" y=\"{axis + 12:F1}\" text-anchor=\"middle\">1</text></svg></figure>");
    }
}
