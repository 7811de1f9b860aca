using System.Text.RegularExpressions;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed class TrailLegendTests
{
    [Fact]
    public void Legend_ExplainsEveryColumnOfTheTrail_WithTheConfiguredThresholds()
    {
        var html = Render([Photo("/p/a.jpg", "bo", "verification", 0.9f, 0.9f, labelled: false)], null, Configuration(0.61, 0.84, 0.55));

        var legend = ReportIndexTests.Section(html, "<section class=\"legend-box\" id=\"legend\">");
        var terms = Regex.Matches(legend, "<dt>([^<]+)</dt>").Select(m => m.Groups[1].Value).ToList();
        var columns = Regex.Matches(html, "<table class=\"trail\"><tr>(.*?)</tr>").Single().Groups[1].Value;
        foreach (var column in Regex.Matches(columns, "<th[^>]*>([^<]+)</th>").Select(m => m.Groups[1].Value))
        {
            Assert.Contains(terms, t => t.Contains(column, StringComparison.Ordinal));
        }

        Assert.Contains("RejectBelow = 0.61", legend, StringComparison.Ordinal);
        Assert.Contains("AcceptAbove = 0.84", legend, StringComparison.Ordinal);
        Assert.Contains("PairwiseAccept = 0.55", legend, StringComparison.Ordinal);
        foreach (var colour in new[] { "ok", "weak", "wrong", "none", "error" })
        {
            Assert.Contains($"<span class=\"key {colour}\">", legend, StringComparison.Ordinal);
        }
    }
}
