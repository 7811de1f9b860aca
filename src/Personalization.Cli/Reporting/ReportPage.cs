using System.Globalization;
using System.Text;
using Personalization.Cli.Evaluation;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// The report's HTML, from what the run produced (no I/O): the index first (totals, one row per concept with links to
/// every card), the charts (score histograms against the thresholds; F1 per concept where there is ground truth),
/// the summary figures, the legend of the trail, the filters, then the cards, failures first. No scripts.
/// </summary>
internal static class ReportPage
{
    /// <summary>Retrieval scores are binned by this width (the resolution thresholds are tuned at).</summary>
    public const double RetrievalBin = 0.02;
    public const double PairwiseBin = 0.05;

    /// <param name="outcomes">In the order the run produced them; the page orders them (failures first).</param>
    /// <param name="thumbs">The thumbnail path (relative to the page) of each outcome's id, where one was written.</param>
    /// <param name="configuration">The run's configuration snapshot: the thresholds come from it.</param>
    public static string Render(string title, IReadOnlyList<LabelledOutcome> outcomes, IReadOnlyDictionary<string, string?> thumbs, SummaryDocument? summary, IReadOnlyDictionary<string, string>? configuration, DateTimeOffset generated)
    {
        var thresholds = ReportThresholds.From(configuration);
        var items = Order(outcomes)
            .Select((o, i) => new ReportItem(i + 1, o, thumbs.GetValueOrDefault(o.Outcome.Id), o.Outcome.Result is { } r && WeakAnswer.IsWeak(r, thresholds)))
            .ToList();
        var concepts = new ConceptIndex(items, summary);
        var labelled = items.Any(i => i.Item.Labelled);

        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>").Append(HtmlEncode(title)).Append("</title><style>")
            .Append(ReportStyle.Css).Append(FilterBar.Css(concepts, labelled)).Append("</style></head><body><h1>").Append(HtmlEncode(title)).Append("</h1><main class=\"report\">");
        FilterBar.AppendInputs(html, concepts, labelled);
        IndexSection.Append(html, items, concepts, summary);
        AppendCharts(html, items, thresholds, summary, concepts);
        if (summary is not null)
        {
            SummarySection.Append(html, summary);
        }

        TrailLegend.Append(html, thresholds);
        html.Append("<h2 id=\"photos\">Photos</h2>");
        FilterBar.AppendBar(html, concepts, labelled);
        html.Append("<div class=\"items\">");
        foreach (var item in items)
        {
            ItemSection.Append(html, item, concepts);
        }

        html.Append("</div></main><footer>Generated ").Append(generated.ToString("u", CultureInfo.InvariantCulture)).Append(" by personalize. <a href=\"#index\">Back to the index</a>.</footer></body></html>");
        return html.ToString();
    }

    /// <summary>Errors, then wrong answers, then the rest; each group in input order.</summary>
    internal static IEnumerable<LabelledOutcome> Order(IReadOnlyList<LabelledOutcome> outcomes) =>
        outcomes.Select((o, i) => (o, i)).OrderBy(x => Rank(x.o)).ThenBy(x => x.i).Select(x => x.o);

    private static int Rank(LabelledOutcome o) => !o.Outcome.Succeeded ? 0 : o.Labelled && !o.Correct ? 1 : 2;

    private static void AppendCharts(StringBuilder html, IReadOnlyList<ReportItem> items, ReportThresholds t, SummaryDocument? summary, ConceptIndex concepts)
    {
        html.Append("<section class=\"charts\"><h2>Charts</h2><div class=\"chart-row\">");
        var retrieval = items.Where(i => i.Result is { Trace.Candidates.Count: > 0 })
            .Select(i => ((double)i.Result!.Trace.Candidates[0].Score, Kind(i))).ToList();
        var retrievalLines = new List<(string, string, double)>();
        if (t.RejectBelow is { } reject)
        {
            retrievalLines.Add(("RejectBelow", ReportThresholds.RejectBelowKey, reject));
        }

        if (t.AcceptAbove is { } accept)
        {
            retrievalLines.Add(("AcceptAbove", ReportThresholds.AcceptAboveKey, accept));
        }

        ScoreHistogram.Append(html, "retrieval", "Best retrieval score per photo, against the thresholds", RetrievalBin, retrieval, retrievalLines);
        var pairwise = items.Where(i => i.Result?.Trace.Pairwise is { Count: > 0 })
            .Select(i => ((double)i.Result!.Trace.Pairwise!.Max(p => p.Probability), Kind(i))).ToList();
        ScoreHistogram.Append(html, "pairwise", "Best pairwise probability, where the pairwise fallback ran", PairwiseBin, pairwise, t.PairwiseAccept is { } p ? [("PairwiseAccept", ReportThresholds.PairwiseAcceptKey, p)] : []);
        if (summary is not null)
        {
            F1Bars.Append(html, summary.PerConcept, concepts);
        }

        html.Append("</div><p class=\"legend\">Bars: <span class=\"key ok\">correct</span> <span class=\"key wrong\">wrong</span> <span class=\"key answered\">no ground truth</span>; lines: the run's thresholds.</p></section>");
    }

    private static string Kind(ReportItem i) => !i.Item.Labelled ? "answered" : i.Item.Correct ? "correct" : "wrong";
}
