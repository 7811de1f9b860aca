using Personalization.Cli.Reporting;
using Personalization.Core.Metrics;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed class ReportEscapingTests
{
    [Fact]
    public void UserText_InTitlePathsTruthsCaptionsLabelsAndConceptNames_IsEscaped()
    {
        var config = Configuration(0.7, 0.7, 0.5);
        var evil = "<script>alert(1)</script>";
        var outcomes = new[]
        {
            Photo($"/photos/{evil}/a\"b'c.jpg", "bo", "verification", 0.9f, 0.9f, truth: evil, caption: $"caption {evil}", detectionLabel: evil),
            Failure($"/photos/{evil}.jpg", $"cannot read {evil}", truth: "bo"),
        };
        var summary = Summary([new ConceptScores(evil, 1, 0, 0, 0, 0), new ConceptScores("bo", 1, 0, 0, 0, 0)], config);

        var html = ReportPage.Render($"Report {evil}", outcomes, new Dictionary<string, string?> { [outcomes[0].Outcome.Id] = $"thumbs/{evil}.jpg" }, summary, config, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a\"b", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&quot;b&#39;c.jpg", html, StringComparison.Ordinal);
    }
}
