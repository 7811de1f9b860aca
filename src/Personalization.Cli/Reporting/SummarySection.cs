using System.Globalization;
using System.Text;
using Personalization.Cli.Evaluation;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>The figures, the configuration and the confusion matrix of a labelled run (its per-concept scores are in the index).</summary>
internal static class SummarySection
{
    public static void Append(StringBuilder html, SummaryDocument s)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append("<section class=\"summary\"><h2>Summary</h2><table class=\"figures\">");
        foreach (var line in s.Lines())
        {
            html.Append("<tr><td>").Append(HtmlEncode(line)).Append("</td></tr>");
        }

        html.Append("</table><p class=\"legend\">").Append(HtmlEncode(string.Join("; ", s.Configuration.Select(kv => $"{kv.Key} = {kv.Value}")))).Append("</p>");
        AppendMatrix(html, s);
        html.Append("</section>");
    }

    private static void AppendMatrix(StringBuilder html, SummaryDocument s)
    {
        var names = s.PerConcept.Select(p => p.Concept).ToList();
        var rows = s.Negatives > 0 ? [.. names, "none"] : names;
        var cols = new List<string>(names) { "none" };
        var counts = new Dictionary<(string, string), int>();
        foreach (var p in s.PerConcept)
        {
            counts[(p.Concept, p.Concept)] = p.Correct;
        }

        foreach (var x in s.Confusions)
        {
            counts[(x.Truth, x.Predicted)] = x.Count;
        }

        html.Append("<h2>Confusion matrix</h2><p class=\"legend\">Rows: truth; columns: answer. Off-diagonal cells are mistakes.</p><table class=\"matrix\"><tr><th></th>");
        foreach (var col in cols)
        {
            html.Append("<th class=\"col\">").Append(HtmlEncode(col)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr><th class=\"name\">").Append(HtmlEncode(row)).Append("</th>");
            foreach (var col in cols)
            {
                var n = counts.GetValueOrDefault((row, col));
                var color = n == 0 ? "#fff" : row == col ? "#bfe6bf" : "#f6b3b3";
                html.Append("<td style=\"background:").Append(color).Append("\">").Append(n == 0 ? string.Empty : n.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }
}
