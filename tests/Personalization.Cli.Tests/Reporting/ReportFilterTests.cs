using System.Text.RegularExpressions;
using Personalization.Cli.Evaluation;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

public sealed class ReportFilterTests
{
    private static readonly IReadOnlyDictionary<string, string> Config = Configuration(0.7, 0.7, 0.5);

    private static readonly LabelledOutcome[] Photos =
    [
        Photo("/d/teapot/0.jpg", "teapot", "verification", 0.9f, 0.9f, truth: "teapot"),
        Photo("/d/teapot/1.jpg", "dog", "verification", 0.71f, 0.71f, truth: "teapot"),
        Photo("/d/dog/0.jpg", "dog", "pairwise", 0.9f, 0.65f, truth: "dog", pairwise: 0.9f),
        Photo("/d/dog/1.jpg", "dog", "pairwise", 0.55f, 0.6f, truth: "dog", pairwise: 0.55f),
        Photo("/d/none/0.jpg", null, "rejected", 0.4f, 0.4f, truth: null),
        Photo("/d/none/1.jpg", "teapot", "verification", 0.95f, 0.95f, truth: null),
        Failure("/d/dog/2.jpg", "empty file", truth: "dog"),
    ];

    [Fact]
    public void EveryFilterOption_HasAHidingRule_AndCardsCarryTheClassesTheRulesTest()
    {
        var html = Render(Photos, null, Config);

        var inputs = Regex.Matches(html, "<input class=\"filter\" type=\"radio\" name=\"(f\\w)\" id=\"([^\"]+)\"").Select(m => m.Groups[2].Value).ToList();
        Assert.Contains("f-s-pairwise", inputs);
        Assert.Contains("f-r-weak", inputs);
        Assert.Contains("f-r-wrong", inputs);
        foreach (var id in inputs.Where(i => !i.EndsWith("-all", StringComparison.Ordinal)))
        {
            Assert.Contains($"#{id}:checked~.items .item:not(.{id[2..]}){{display:none}}", html, StringComparison.Ordinal);
            Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.True(html.IndexOf("<input class=\"filter\"", StringComparison.Ordinal) < html.IndexOf("<div class=\"items\">", StringComparison.Ordinal), "the radios precede the cards (the ~ selector needs it)");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [ChromiumOnlyFact]
    public async Task CheckingFilters_InChromium_ShowsExactlyTheMatchingCards()
    {
        var dir = Directory.CreateTempSubdirectory("report-filter-");
        try
        {
            var html = Render(Photos, null, Config);
            var first = Regex.Match(html, "<input class=\"filter\" type=\"radio\" name=\"fc\" id=\"(f-c-\\d+)\"><input class=\"filter\" type=\"radio\" name=\"fc\" id=\"f-c-\\d+\">").Groups[1].Value;
            var label = Regex.Match(html, $"<label for=\"{first}\">([^<]+)</label>").Groups[1].Value;
            Assert.Equal("f-c-0", first);
            Assert.Equal("&lt;dog&gt;", label); // concepts without a summary are numbered by name: dog, teapot

            var shown = await ReportProbe.RunAsync(html, dir.FullName, """
                const visible = () => [...document.querySelectorAll('.item')].filter(c => getComputedStyle(c).display !== 'none').map(c => c.querySelector('h3').textContent);
                const pick = (...ids) => { ids.forEach(id => document.getElementById(id).checked = true); const v = visible(); ['f-c-all','f-s-all','f-r-all'].forEach(id => document.getElementById(id).checked = true); return v; };
                return { all: visible(), dog: pick('f-c-0'), pairwise: pick('f-s-pairwise'), wrong: pick('f-r-wrong'), weak: pick('f-r-weak'), failed: pick('f-s-error'), none: pick('f-c-none'), dogWrong: pick('f-c-0', 'f-r-wrong') };
                """);

            string[] Names(string key) => [.. shown.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).Order()];
            Assert.Equal(7, Names("all").Length);
            Assert.Equal(["/d/dog/0.jpg", "/d/dog/1.jpg", "/d/dog/2.jpg", "/d/teapot/1.jpg"], Names("dog")); // shows a dog, or answered dog
            Assert.Equal(["/d/dog/0.jpg", "/d/dog/1.jpg"], Names("pairwise"));
            Assert.Equal(["/d/none/1.jpg", "/d/teapot/1.jpg"], Names("wrong"));
            Assert.Equal(["/d/dog/1.jpg", "/d/teapot/1.jpg"], Names("weak"));
            Assert.Equal(["/d/dog/2.jpg"], Names("failed"));
            Assert.Equal(["/d/none/0.jpg", "/d/none/1.jpg"], Names("none")); // answered none, or a negative
            Assert.Equal(["/d/teapot/1.jpg"], Names("dogWrong"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
