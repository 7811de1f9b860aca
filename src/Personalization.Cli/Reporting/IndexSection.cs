using System.Globalization;
using System.Text;
using Personalization.Cli.Evaluation;
using Personalization.Core.Metrics;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// The page's index, first on the page: one row per concept (a labelled run lists each photo under the concept it
/// shows, with precision, recall and F1; a plain run under the concept it was answered as), then "none" and failed
/// photos, each row with how many photos, how many right, how many weak, and a link to every photo's card.
/// </summary>
internal static class IndexSection
{
    public const string NoneRowId = "concept-none";
    public const string FailedRowId = "concept-failed";

    public static void Append(StringBuilder html, IReadOnlyList<ReportItem> items, ConceptIndex concepts, SummaryDocument? summary)
    {
        var c = CultureInfo.InvariantCulture;
        var labelled = items.Any(i => i.Item.Labelled);
        var scores = summary?.PerConcept.ToDictionary(p => p.Concept, StringComparer.OrdinalIgnoreCase) ?? [];
        html.Append("<section id=\"index\"><h2>Index</h2><p class=\"totals\">")
            .Append(c, $"{items.Count} photos: ")
            .Append(string.Join(", ", Totals(items, labelled).Select(t => string.Create(c, $"{t.Count} {t.Label}"))))
            .Append(".</p><table class=\"index\"><tr><th class=\"name\">concept</th><th>photos</th>")
            .Append(labelled ? "<th>correct</th><th>precision</th><th>recall</th><th>F1</th>" : "<th>answered</th>")
            .Append("<th>weak</th><th class=\"name\">photos (links to the cards)</th></tr>");

        var rows = concepts.Names.Select((name, n) => (Id: ConceptIndex.RowId(n), Label: $"<{name}>", Name: (string?)name)).ToList();
        if (scores.Count > 0)
        {
            rows = [.. rows.OrderBy(r => scores.TryGetValue(r.Name!, out var s) ? s.F1 : double.MaxValue).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
        }

        foreach (var (id, label, name) in rows)
        {
            var members = items.Where(i => i.Result is not null || labelled).Where(i => string.Equals(i.IndexConcept, name, StringComparison.OrdinalIgnoreCase)).ToList();
            AppendRow(html, id, label, members, labelled, scores.GetValueOrDefault(name!));
        }

        var none = items.Where(i => (i.Result is not null || labelled) && i.IndexConcept is null).ToList();
        if (none.Count > 0)
        {
            AppendRow(html, NoneRowId, labelled ? "none (negatives)" : "none of the concepts", none, labelled, null);
        }

        var failed = items.Where(i => i.Result is null && !labelled).ToList();
        if (failed.Count > 0)
        {
            AppendRow(html, FailedRowId, "failed", failed, labelled, null);
        }

        html.Append("</table></section>");
    }

    private static void AppendRow(StringBuilder html, string id, string label, IReadOnlyList<ReportItem> members, bool labelled, ConceptScores? scores)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<tr id=\"{id}\"><td class=\"name\">{HtmlEncode(label)}</td><td>{members.Count}</td>");
        if (labelled)
        {
            html.Append(c, $"<td>{members.Count(m => m.Item.Correct)}</td>")
                .Append(scores is null ? "<td>–</td><td>–</td><td>–</td>" : string.Create(c, $"<td>{scores.Precision:F3}</td><td>{scores.Recall:F3}</td><td>{scores.F1:F3}</td>"));
        }
        else
        {
            html.Append(c, $"<td>{members.Count(m => m.Answer is not null)}</td>");
        }

        html.Append(c, $"<td>{members.Count(m => m.Weak)}</td><td class=\"name links\">");
        foreach (var m in members)
        {
            var state = m.Weak ? $"{m.State} weak" : m.State;
            html.Append(c, $"<a class=\"{state}\" href=\"#{m.Anchor}\" title=\"{HtmlEncode(m.Item.Outcome.Id)}\">{HtmlEncode(m.ShortName)}</a> ");
        }

        html.Append("</td></tr>");
    }

    private static IEnumerable<(int Count, string Label)> Totals(IReadOnlyList<ReportItem> items, bool labelled)
    {
        if (labelled)
        {
            yield return (items.Count(i => i.Item.Correct), "correct");
            yield return (items.Count(i => i.State == "wrong" && i.Result is not null), "wrong");
        }
        else
        {
            yield return (items.Count(i => i.Answer is not null), "with a concept");
            yield return (items.Count(i => i.State == "none"), "with none");
        }

        yield return (items.Count(i => i.Weak), "weak");
        yield return (items.Count(i => i.Result is null), "failed");
    }
}
