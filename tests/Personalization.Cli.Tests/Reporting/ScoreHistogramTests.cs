using System.Globalization;
using System.Text.RegularExpressions;
using Personalization.Cli.Evaluation;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed partial class ScoreHistogramTests
{
    private static readonly LabelledOutcome[] Photos =
    [
        Photo("/d/a/0.jpg", "a", "verification", 0.91f, 0.91f, truth: "a"),
        Photo("/d/a/1.jpg", "a", "verification", 0.86f, 0.86f, truth: "a"),
        Photo("/d/b/0.jpg", "a", "verification", 0.85f, 0.85f, truth: "b"),
        Photo("/d/b/1.jpg", "b", "pairwise", 0.7f, 0.66f, truth: "b", pairwise: 0.7f),
        Photo("/d/c/0.jpg", null, "rejected", 0.52f, 0.52f, truth: "c"),
        Failure("/d/c/1.jpg", "empty file", truth: "c"),
    ];

    [Theory]
    [InlineData(0.61, 0.84)]
    [InlineData(0.73, 0.73)]
    public void RetrievalHistogram_DrawsEachThresholdAtItsConfiguredScore(double rejectBelow, double acceptAbove)
    {
        var html = Render(Photos, null, Configuration(rejectBelow, acceptAbove, 0.5));

        var (svg, scale) = Chart(html, "retrieval");
        var lines = Threshold().Matches(svg).Select(m => (Keys: m.Groups[1].Value.Split(' '), Value: Number(m.Groups[2].Value), X: Number(m.Groups[3].Value))).ToList();
        Assert.Equal(rejectBelow == acceptAbove ? 1 : 2, lines.Count);
        foreach (var (key, value) in new[] { ("Recognition:RejectBelow", rejectBelow), ("Recognition:AcceptAbove", acceptAbove) })
        {
            var line = Assert.Single(lines, l => l.Keys.Contains(key));
            Assert.Equal(value, line.Value, 9);
            Assert.Equal(scale.Left + ((value - scale.Min) / (scale.Max - scale.Min) * scale.Width), line.X, 0.01);
        }
    }

    [Fact]
    public void RetrievalHistogram_CountsEveryAnsweredPhotoOnce_ByOutcome()
    {
        var (svg, _) = Chart(Render(Photos, null, Configuration(0.7, 0.7, 0.5)), "retrieval");

        var bars = Bar().Matches(svg).Select(m => (Kind: m.Groups[1].Value, Count: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(3, bars.Where(b => b.Kind == "correct").Sum(b => b.Count)); // a/0, a/1, b/1; the failure has no score
        Assert.Equal(2, bars.Where(b => b.Kind == "wrong").Sum(b => b.Count)); // b/0 answered a, c/0 answered none
        Assert.Equal(0, bars.Where(b => b.Kind == "answered").Sum(b => b.Count));
    }

    [Fact]
    public void PairwiseHistogram_MarksPairwiseAccept_OnlyWhenPairwiseRan()
    {
        var html = Render(Photos, null, Configuration(0.7, 0.7, 0.55));
        var (svg, scale) = Chart(html, "pairwise");
        var line = Assert.Single(Threshold().Matches(svg));
        Assert.Equal("Recognition:PairwiseAccept", line.Groups[1].Value);
        Assert.Equal(scale.Left + ((0.55 - scale.Min) / (scale.Max - scale.Min) * scale.Width), Number(line.Groups[3].Value), 0.01);

        var withoutPairwise = Render(Photos.Where(p => p.Outcome.Result?.Stage != "pairwise").ToList(), null, Configuration(0.7, 0.7, 0.55));
        Assert.DoesNotContain("histogram pairwise", withoutPairwise, StringComparison.Ordinal);
    }

    [Fact]
    public void RetrievalHistogram_LeavesOutScoresThatAreNotNumbers()
    {
        var html = Render([.. Photos, Photo("/d/c/2.jpg", null, "rejected", float.NaN, float.NaN, truth: "c")], null, Configuration(0.7, 0.7, 0.5));

        var (svg, scale) = Chart(html, "retrieval");
        Assert.True(double.IsFinite(scale.Min) && double.IsFinite(scale.Max));
        Assert.Equal(Photos.Count(p => p.Outcome.Succeeded), Bar().Matches(svg).Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    private static (string Svg, (double Min, double Max, double Left, double Width) Scale) Chart(string html, string kind)
    {
        var m = Regex.Match(html, $"<svg class=\"histogram {kind}\"[^>]* data-min=\"([^\"]+)\" data-max=\"([^\"]+)\" data-left=\"([^\"]+)\" data-width=\"([^\"]+)\">.*?</svg>");
        Assert.True(m.Success, $"no {kind} histogram");
        return (m.Value, (Number(m.Groups[1].Value), Number(m.Groups[2].Value), Number(m.Groups[3].Value), Number(m.Groups[4].Value)));
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("<g class=\"threshold\" data-keys=\"([^\"]+)\" data-value=\"([^\"]+)\"><line x1=\"([^\"]+)\"")]
    private static partial Regex Threshold();

    [GeneratedRegex("<rect class=\"bar (\\w+)\"[^>]*><title>[^:]+: (\\d+) \\w+</title>")]
    private static partial Regex Bar();
}
