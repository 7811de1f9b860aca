using System.Globalization;
using System.Text.RegularExpressions;
using Personalization.Cli.Reporting;
using Personalization.Core.Metrics;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed partial class F1BarsTests
{
    private static readonly IReadOnlyDictionary<string, string> Config = Configuration(0.7, 0.7, 0.5);

    [Fact]
    public void F1Bars_OneBarPerConcept_AsLongAsItsF1_LinkingToItsIndexRow()
    {
        var outcomes = new[] { Photo("/d/a/0.jpg", "a", "verification", 0.9f, 0.9f, truth: "a"), Photo("/d/b/0.jpg", "a", "verification", 0.9f, 0.9f, truth: "b") };
        var perConcept = new[] { new ConceptScores("a", 1, 1, 0.5, 1, 0.667), new ConceptScores("b", 1, 0, 0, 0, 0), new ConceptScores("c", 2, 2, 1, 1, 1) };

        var html = Render(outcomes, Summary(perConcept, Config), Config);

        var bars = F1Bar().Matches(html).ToList();
        Assert.Equal(["b", "a", "c"], bars.Select(b => b.Groups[2].Value)); // worst first
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var bar in bars)
        {
            var f1 = perConcept.Single(p => p.Concept == bar.Groups[2].Value).F1;
            Assert.Equal(f1, double.Parse(bar.Groups[3].Value, CultureInfo.InvariantCulture), 9);
            Assert.Equal(f1 * F1Bars.BarWidth, double.Parse(bar.Groups[4].Value, CultureInfo.InvariantCulture), 0.01);
            Assert.Contains(bar.Groups[1].Value, ids);
        }
    }

    [Fact]
    public void F1Bars_AreLeftOut_WithoutGroundTruth() =>
        Assert.DoesNotContain("<svg class=\"f1-bars\"", Render([Photo("/p/a.jpg", "a", "verification", 0.9f, 0.9f, labelled: false)], null, Config), StringComparison.Ordinal);

    [GeneratedRegex("<a href=\"#([^\"]+)\"><g class=\"f1 \\w+\" data-concept=\"([^\"]+)\" data-f1=\"([^\"]+)\"><text[^>]*>[^<]*</text><rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"([^\"]+)\"")]
    private static partial Regex F1Bar();
}
