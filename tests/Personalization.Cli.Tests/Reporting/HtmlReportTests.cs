using System.Text.RegularExpressions;

namespace Personalization.Cli.Tests.Reporting;

public sealed partial class HtmlReportTests
{
    [ChromiumFact]
    public async Task Report_FromRecognize_RendersInHeadlessChromiumWithBoxesTrailAndFailuresFirst()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "bo", "--category", "dog", CliRun.DreamBooth("dog", "00.jpg"))).Exit);
        var empty = Path.Combine(cli.OutDirectory, "broken.jpg");
        await File.WriteAllBytesAsync(empty, []);
        var report = Path.Combine(cli.OutDirectory, "report");

        var (exit, _, _) = await cli.RunAsync("recognize", "--owner", "alice", "--out", report, CliRun.DreamBooth("teapot", "01.jpg"), CliRun.DreamBooth("dog", "03.jpg"), empty);
        Assert.Equal(1, exit);
        var html = Path.Combine(report, "report.html");
        Assert.True(File.Exists(html));

        var dom = await HeadlessChromium.RunAsync(new Uri(html).AbsoluteUri, "--dump-dom");

        var items = ItemClass().Matches(dom).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["error", "ok", "ok"], items);
        Assert.Contains("error: empty file (0 bytes)", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(dom, "<img src=\"thumbs/[^\"]+\\.jpg\" loading=\"lazy\"").Count);
        Assert.Equal(2, Regex.Matches(dom, "<g class=\"hit\">").Count);
        Assert.Contains("&lt;teapot&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;bo&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("<table class=\"trail\">", dom, StringComparison.Ordinal);
        Assert.Contains("class=\"caption\">A photo of &lt;teapot&gt;", dom, StringComparison.Ordinal);
        foreach (var thumb in Regex.Matches(dom, "thumbs/[^\"]+\\.jpg").Select(m => m.Value).Distinct())
        {
            Assert.True(new FileInfo(Path.Combine(report, thumb)).Length > 1000, thumb);
        }

        var png = Path.Combine(cli.OutDirectory, "report.png");
        await HeadlessChromium.RunAsync(new Uri(html).AbsoluteUri, "--window-size=1200,900", $"--screenshot={png}");
        Assert.True(new FileInfo(png).Length > 20_000, "the screenshot should show photos, not a blank page");
    }

    [ChromiumFact]
    public async Task Report_FromEval_HasSummaryPerConceptTableAndConfusionMatrix()
    {
        using var cli = new CliRun();
        var dataset = Path.Combine(cli.OutDirectory, "dataset");
        foreach (var subject in new[] { "teapot", "can" })
        {
            Directory.CreateDirectory(Path.Combine(dataset, subject));
            foreach (var file in Directory.GetFiles(Path.Combine(Personalization.TestSupport.SharedData.DreamBoothDirectory, subject)).Order().Take(2))
            {
                File.Copy(file, Path.Combine(dataset, subject, Path.GetFileName(file)));
            }
        }

        var outDir = Path.Combine(cli.OutDirectory, "eval");
        var (exit, _, error) = await cli.RunAsync("eval", "--dataset", dataset, "--out", outDir);
        Assert.True(exit == 0, error);

        var dom = await HeadlessChromium.RunAsync(new Uri(Path.Combine(outDir, "report.html")).AbsoluteUri, "--dump-dom");

        Assert.Contains("<h2>Summary</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("<table class=\"index\">", dom, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"f1-bars\"", dom, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"histogram retrieval\"", dom, StringComparison.Ordinal);
        Assert.Contains("<table class=\"matrix\">", dom, StringComparison.Ordinal);
        Assert.Equal(2, ItemClass().Matches(dom).Count);
    }

    [GeneratedRegex("<section id=\"card-\\d+\" class=\"item (\\w+)")]
    private static partial Regex ItemClass();
}
