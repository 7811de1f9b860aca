using System.Text.RegularExpressions;
using Personalization.Core.Metrics;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed partial class ReportIndexTests
{
    private static readonly IReadOnlyDictionary<string, string> Config = Configuration(0.7, 0.7, 0.5);

    [Fact]
    public void Index_OfALabelledRun_HasOneRowPerConceptWhoseLinksResolveToThatConceptsCards()
    {
        var outcomes = new[]
        {
            Photo("/d/teapot/00.jpg", "teapot", "verification", 0.9f, 0.9f, truth: "teapot"),
            Photo("/d/teapot/01.jpg", "dog", "verification", 0.8f, 0.8f, truth: "teapot"),
            Photo("/d/dog/00.jpg", "dog", "verification", 0.95f, 0.95f, truth: "dog"),
            Photo("/d/can/00.jpg", null, "rejected", 0.5f, 0.5f, truth: "can"),
            Failure("/d/dog/02.jpg", "empty file", truth: "dog"),
        };
        var summary = Summary([new ConceptScores("teapot", 2, 1, 1.0, 0.5, 0.667), new ConceptScores("dog", 2, 1, 0.5, 0.5, 0.5), new ConceptScores("can", 1, 0, 0, 0, 0)], Config);

        var html = Render(outcomes, summary, Config);

        var index = Section(html, "<section id=\"index\">");
        var rows = IndexRow().Matches(index).ToDictionary(m => m.Groups[2].Value, m => m.Value);
        Assert.Equal(["can", "dog", "teapot"], rows.Keys.Order());
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var cardPaths = Regex.Matches(html, "<section id=\"(card-\\d+)\" class=\"item[^\"]*\"[^>]*><h3>([^<]+)</h3>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(5, cardPaths.Count);
        foreach (var (concept, row) in rows)
        {
            var links = Regex.Matches(row, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.All(links, l => Assert.Contains(l, ids));
            Assert.Equal(outcomes.Count(o => o.Truth == concept), links.Count);
            Assert.All(links, l => Assert.Contains($"/{concept}/", cardPaths[l], StringComparison.Ordinal));
        }

        Assert.Contains("<td>0.667</td>", rows["teapot"], StringComparison.Ordinal);
        Assert.True(html.IndexOf("<section id=\"index\">", StringComparison.Ordinal) < html.IndexOf("<section id=\"card-", StringComparison.Ordinal), "the index comes before the cards");
    }

    [Fact]
    public void Index_OfPlainRecognition_ListsPhotosByAnswer_ThenNone_ThenFailed()
    {
        var outcomes = new[]
        {
            Photo("/p/a.jpg", "bo", "verification", 0.9f, 0.9f, labelled: false),
            Photo("/p/b.jpg", "bo", "pairwise", 0.8f, 0.6f, labelled: false, pairwise: 0.8f),
            Photo("/p/c.jpg", null, "rejected", 0.4f, 0.4f, labelled: false),
            Failure("/p/d.jpg", "truncated", labelled: false),
        };

        var index = Section(Render(outcomes, null, Config), "<section id=\"index\">");

        var bo = IndexRow().Match(index);
        Assert.Equal("bo", bo.Groups[2].Value);
        Assert.Equal(2, Regex.Matches(bo.Value, "href=\"#card-").Count);
        Assert.Matches("<tr id=\"concept-none\"><td class=\"name\">none of the concepts</td><td>1</td>", index);
        Assert.Matches("<tr id=\"concept-failed\"><td class=\"name\">failed</td><td>1</td>", index);
        Assert.DoesNotContain("<th>F1</th>", index, StringComparison.Ordinal);
    }

    internal static string Section(string html, string start)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, start);
        return html[from..(html.IndexOf("</section>", from, StringComparison.Ordinal) + "</section>".Length)];
    }

    [GeneratedRegex("<tr id=\"(concept-\\d+)\"><td class=\"name\">&lt;([^&]+)&gt;</td>.*?</tr>")]
    private static partial Regex IndexRow();
}
