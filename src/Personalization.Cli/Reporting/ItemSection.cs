using System.Globalization;
using System.Text;
using Personalization.Cli.Evaluation;
using Personalization.Core.Domain;
using Personalization.Core.Recognition;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>One image's card: the photo with boxes, the verdict, the decision trail and the caption.</summary>
internal static class ItemSection
{
    public static void Append(StringBuilder html, ReportItem item, ConceptIndex concepts)
    {
        var c = CultureInfo.InvariantCulture;
        var o = item.Item.Outcome;
        var classes = string.Join(' ', new[] { "item", item.State }.Concat(item.Weak ? ["weak"] : []).Concat(FilterBar.CardClasses(item, concepts)));
        if (o.Result is not { } r || o.Analysis is not { } a)
        {
            html.Append(c, $"<section id=\"{item.Anchor}\" class=\"{classes}\"><h3>{HtmlEncode(o.Id)}</h3><p class=\"error-text\">error: ")
                .Append(HtmlEncode(o.Error ?? "unknown error")).Append("</p></section>");
            return;
        }

        html.Append(c, $"<section id=\"{item.Anchor}\" class=\"{classes}\" data-stage=\"{HtmlEncode(r.Stage)}\" data-concept=\"{HtmlEncode(r.Concept?.Value ?? "none")}\"><h3>{HtmlEncode(o.Id)}</h3>");
        var hits = r.Recognized;
        AppendPhoto(html, a, hits, item.Thumb, item.ShortName);
        var found = hits.Count > 0 ? string.Join(" + ", hits.Select(h => $"<b>&lt;{HtmlEncode(h.Concept.Value)}&gt;</b>")) : "<b>none of the concepts</b>";
        html.Append(c, $"<p class=\"verdict\">{found}{(item.Weak ? " <span class=\"badge weak\" title=\"accepted near the threshold: see the legend\">weak</span>" : string.Empty)} · score {r.Score:F3} · decided by <i>{HtmlEncode(r.Stage)}</i>");
        if (item.Item.Labelled)
        {
            html.Append(" · truth ").Append(HtmlEncode(item.Item.Truth is null ? "none" : $"<{item.Item.Truth}>")).Append(item.Item.Correct ? " ✓" : " ✗");
        }

        html.Append("</p>");
        html.Append(item.State == "wrong" || item.Weak ? "<details class=\"trail-box\" open>" : "<details class=\"trail-box\">").Append("<summary>decision trail</summary>");
        AppendTrail(html, r.Trace, r.Concept);
        html.Append("<p class=\"decision\">").Append(HtmlEncode(r.Trace.Decision)).Append("</p></details>");
        html.Append("<p class=\"caption\">").Append(HtmlEncode(r.Caption)).Append("</p></section>");
    }

    /// <summary>The thumbnail as a lazily loaded img (sized, so the page does not jump), the boxes as an SVG over it.</summary>
    private static void AppendPhoto(StringBuilder html, ImageAnalysis a, IReadOnlyList<RecognizedRef> hits, string? thumb, string fileName)
    {
        var c = CultureInfo.InvariantCulture;
        var fontScale = Math.Max(a.Width, a.Height) / 400f;
        html.Append(c, $"<div class=\"photo\" style=\"aspect-ratio:{a.Width}/{a.Height}\">");
        if (thumb is not null)
        {
            html.Append(c, $"<img src=\"{HtmlEncode(thumb)}\" loading=\"lazy\" decoding=\"async\" width=\"{a.Width}\" height=\"{a.Height}\" alt=\"{HtmlEncode(fileName)}\">");
        }

        html.Append(c, $"<svg viewBox=\"0 0 {a.Width} {a.Height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"detections and the deciding box\">");

        foreach (var d in a.Detections.Where(d => d.Score >= 0.25f).Take(12))
        {
            html.Append(c, $"<g class=\"det\"><rect x=\"{d.Box.X:F0}\" y=\"{d.Box.Y:F0}\" width=\"{d.Box.Width:F0}\" height=\"{d.Box.Height:F0}\"/>")
                .Append(c, $"<text x=\"{d.Box.X + 4:F0}\" y=\"{d.Box.Y + (14 * fontScale):F0}\" font-size=\"{12 * fontScale:F0}\">{HtmlEncode(d.Label)} {d.Score:F2}</text></g>");
        }

        foreach (var (name, box, score) in hits)
        {
            if (box is null)
            {
                continue;
            }

            html.Append(c, $"<g class=\"hit\"><rect x=\"{box.X:F0}\" y=\"{box.Y:F0}\" width=\"{box.Width:F0}\" height=\"{box.Height:F0}\"/>")
                .Append(c, $"<text x=\"{box.X + 6:F0}\" y=\"{box.Y + box.Height - (8 * fontScale):F0}\" font-size=\"{18 * fontScale:F0}\">&lt;{HtmlEncode(name.Value)}&gt; {score:F2}</text></g>");
        }

        html.Append("</svg></div>");
    }

    private static void AppendTrail(StringBuilder html, Core.Recognition.DecisionTrace trace, ConceptName? chosen)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append("<div class=\"scroll\"><table class=\"trail\"><tr><th class=\"name\">candidate</th><th>retrieval</th><th>image</th><th>text</th><th>attributes</th><th>verification</th><th>pairwise</th></tr>");
        foreach (var cand in trace.Candidates)
        {
            var attrs = trace.Reasoning?.PerCandidate.FirstOrDefault(p => p.Concept.Equals(cand.Concept));
            var verified = trace.Verification?.FirstOrDefault(v => v.Concept.Equals(cand.Concept));
            var pair = trace.Pairwise?.FirstOrDefault(p => p.Concept.Equals(cand.Concept));
            var row = chosen is { } ch && ch.Equals(cand.Concept) ? " class=\"chosen\"" : string.Empty;
            var visible = attrs is null ? string.Empty : string.Join(", ", attrs.Visible);
            html.Append(c, $"<tr{row}><td class=\"name\">&lt;{HtmlEncode(cand.Concept.Value)}&gt;</td><td>{cand.Score:F3}</td><td>{cand.ImageSimilarity:F3}</td><td>{cand.TextSimilarity:F3}</td>")
                .Append(c, $"<td title=\"{HtmlEncode(visible)}\">{(attrs is null ? "–" : attrs.Score.ToString("F3", c))}</td>")
                .Append(c, $"<td>{(verified?.Score is { } v ? v.ToString("F3", c) : "–")}</td><td>{(pair is null ? "–" : pair.Probability.ToString("F3", c))}</td></tr>");
        }

        html.Append("</table></div>");
    }
}
