using Personalization.Cli.Reporting;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed class WeakAnswerTests
{
    private static readonly ReportThresholds Thresholds = ReportThresholds.From(Configuration(0.7, 0.8, 0.5));

    [Theory]
    [InlineData("verification", 0.81f, true)] // under AcceptAbove 0.8 + 0.02
    [InlineData("verification", 0.83f, false)]
    [InlineData("pairwise", 0.55f, true)] // under PairwiseAccept 0.5 + 0.1
    [InlineData("pairwise", 0.65f, false)]
    public void IsWeak_WithinTheMarginAboveTheStagesThreshold(string stage, float score, bool weak) =>
        Assert.Equal(weak, WeakAnswer.IsWeak(Photo("/x.jpg", "bo", stage, score, score).Outcome.Result!, Thresholds));

    [Fact]
    public void IsWeak_NeverForARejection_NorWithoutThresholds()
    {
        Assert.False(WeakAnswer.IsWeak(Photo("/x.jpg", null, "rejected", 0.69f, 0.69f).Outcome.Result!, Thresholds));
        Assert.False(WeakAnswer.IsWeak(Photo("/x.jpg", "bo", "verification", 0.8f, 0.8f).Outcome.Result!, ReportThresholds.None));
    }

    [Fact]
    public void WeakAnswer_IsDrawnInItsOwnColourAndLabelledWeak_OnTheCardAndInTheIndex()
    {
        var config = Configuration(0.7, 0.8, 0.5);
        var html = Render([Photo("/p/weak.jpg", "bo", "verification", 0.805f, 0.805f, labelled: false), Photo("/p/sure.jpg", "bo", "verification", 0.95f, 0.95f, labelled: false)], null, config);

        var weak = Card(html, "/p/weak.jpg");
        var sure = Card(html, "/p/sure.jpg");
        Assert.Matches("class=\"item ok weak ", weak);
        Assert.Contains("<span class=\"badge weak\"", weak, StringComparison.Ordinal);
        Assert.DoesNotContain("weak", sure, StringComparison.Ordinal);
        Assert.Matches("<a class=\"ok weak\" href=\"#card-\\d+\" title=\"/p/weak.jpg\">", html);
        Assert.Matches("\\.item\\.weak\\{border-left-color:#[0-9a-f]+", html);
        Assert.Matches("\\.item\\.weak svg \\.hit rect\\{stroke:#[0-9a-f]+", html); // the deciding box too
        Assert.Contains("weak: accepted by verification with a retrieval score under 0.820", html, StringComparison.Ordinal);
    }

    private static string Card(string html, string id)
    {
        var heading = html.IndexOf($"<h3>{id}</h3>", StringComparison.Ordinal);
        var start = html.LastIndexOf("<section id=\"card-", heading, StringComparison.Ordinal);
        return html[start..html.IndexOf("</section>", heading, StringComparison.Ordinal)];
    }
}
