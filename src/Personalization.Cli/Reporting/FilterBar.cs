using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// Filters by concept, stage and result in CSS alone: one hidden radio group per filter placed before the cards, and
/// rules <c>#f-c-3:checked ~ .items .item:not(.c-3) { display: none }</c>; the groups combine (a card must pass all
/// three). Radios, ids and classes use numbers, never a user's text. Cards carry the matching classes
/// (<see cref="CardClasses"/>).
/// </summary>
internal static class FilterBar
{
    private static readonly string[] Stages = ["verification", "pairwise", "rejected", "error"];

    /// <summary>The radios; they must come before the filter bar and the cards, as their siblings.</summary>
    public static void AppendInputs(StringBuilder html, ConceptIndex concepts, bool labelled)
    {
        foreach (var (group, id, _) in Options(concepts, labelled))
        {
            html.Append(CultureInfo.InvariantCulture, $"<input class=\"filter\" type=\"radio\" name=\"{group}\" id=\"{id}\"{(id.EndsWith("-all", StringComparison.Ordinal) ? " checked" : string.Empty)}>");
        }
    }

    /// <summary>The labels a reader clicks, grouped.</summary>
    public static void AppendBar(StringBuilder html, ConceptIndex concepts, bool labelled)
    {
        html.Append("<nav class=\"filters\" aria-label=\"filters\">");
        foreach (var group in Options(concepts, labelled).GroupBy(o => o.Group))
        {
            html.Append("<div class=\"filter-group\"><span class=\"filter-name\">").Append(GroupTitle(group.Key)).Append(":</span> ");
            foreach (var (_, id, label) in group)
            {
                html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{HtmlEncode(label)}</label> ");
            }

            html.Append("</div>");
        }

        html.Append("<p class=\"legend\">Filters combine; a link in the index reaches a card only while the card is shown.</p></nav>");
    }

    /// <summary>The CSS rules that hide the cards a checked radio excludes, and mark the checked label.</summary>
    public static string Css(ConceptIndex concepts, bool labelled)
    {
        var css = new StringBuilder();
        foreach (var (_, id, _) in Options(concepts, labelled).Where(o => !o.Id.EndsWith("-all", StringComparison.Ordinal)))
        {
            var cardClass = id[2..]; // f-c-3 → c-3, f-s-pairwise → s-pairwise, f-r-weak → r-weak
            css.Append(CultureInfo.InvariantCulture, $"#{id}:checked~.items .item:not(.{cardClass}){{display:none}}");
        }

        foreach (var (_, id, _) in Options(concepts, labelled))
        {
            css.Append(CultureInfo.InvariantCulture, $"#{id}:checked~nav label[for={id}]{{background:#234;color:#fff}}");
        }

        return css.ToString();
    }

    /// <summary>The filter classes of one card: its concepts (answer and truth), its stage and its result.</summary>
    public static IEnumerable<string> CardClasses(ReportItem item, ConceptIndex concepts)
    {
        var named = new[] { item.Answer, item.Item.Truth }.Select(concepts.NumberOf).OfType<int>().Distinct().ToList();
        foreach (var n in named)
        {
            yield return $"c-{n}";
        }

        if (item.Result is not null && (item.Answer is null || (item.Item.Labelled && item.Item.Truth is null)))
        {
            // "none": answered none of the concepts, or (with ground truth) shows none of them
            yield return "c-none";
        }

        yield return $"s-{item.Stage}";
        if (item.Result is not null && item.Item.Labelled)
        {
            yield return item.Item.Correct ? "r-correct" : "r-wrong";
        }

        if (item.Weak)
        {
            yield return "r-weak";
        }
    }

    private static IEnumerable<(string Group, string Id, string Label)> Options(ConceptIndex concepts, bool labelled)
    {
        yield return ("fc", "f-c-all", "all");
        for (var n = 0; n < concepts.Names.Count; n++)
        {
            yield return ("fc", $"f-c-{n}", $"<{concepts.Names[n]}>");
        }

        yield return ("fc", "f-c-none", "none");
        yield return ("fs", "f-s-all", "all");
        foreach (var stage in Stages)
        {
            yield return ("fs", $"f-s-{stage}", stage == "error" ? "failed" : stage);
        }

        yield return ("fr", "f-r-all", "all");
        if (labelled)
        {
            yield return ("fr", "f-r-correct", "correct");
            yield return ("fr", "f-r-wrong", "wrong");
        }

        yield return ("fr", "f-r-weak", "weak");
    }

    private static string GroupTitle(string group) => group switch
    {
        "fc" => "concept",
        "fs" => "decided by",
        _ => "result",
    };
}
