using System.Globalization;
using Personalization.Cli.Evaluation;
using Personalization.Core.Metrics;
using SkiaSharp;
using static Personalization.Cli.Tests.Reporting.SyntheticReport;

namespace Personalization.Cli.Tests.Reporting;

/// <summary>The demo's size: 128 photos of 30 concepts. The old page was 62,000 px with no index.</summary>
public sealed class LargeReportTests
{
    [ChromiumOnlyFact]
    public async Task Report_With128Cards_RendersInChromium_WithTheIndexOnTheFirstScreen_AndLazyThumbnails()
    {
        var dir = Directory.CreateTempSubdirectory("report-large-");
        try
        {
            var config = Configuration(0.73, 0.73, 0.5);
            Directory.CreateDirectory(Path.Combine(dir.FullName, "thumbs"));
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "thumbs", "photo.jpg"), Jpeg());
            var outcomes = Enumerable.Range(0, 128).Select(i =>
            {
                var truth = string.Create(CultureInfo.InvariantCulture, $"subject{i % 30:00}");
                var answer = i % 9 == 0 ? null : i % 7 == 0 ? "subject00" : truth;
                var score = 0.6f + (i % 40 / 100f);
                return answer is null
                    ? Photo($"/d/{truth}/{i:000}.jpg", null, "rejected", 0.6f, 0.6f, truth: truth)
                    : Photo($"/d/{truth}/{i:000}.jpg", answer, "verification", Math.Max(score, 0.735f), Math.Max(score, 0.735f), truth: truth);
            }).ToList();
            var perConcept = outcomes.GroupBy(o => o.Truth!).Select(g => new ConceptScores(g.Key, g.Count(), g.Count(o => o.Correct), 0.9, g.Count(o => o.Correct) / (double)g.Count(), 0.8)).ToList();
            var thumbs = outcomes.ToDictionary(o => o.Outcome.Id, _ => (string?)"thumbs/photo.jpg");
            var html = Render(outcomes, Summary(perConcept, config), config, thumbs);

            var page = await ReportProbe.RunAsync(html, dir.FullName, """
                const box = e => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height }; };
                const cards = [...document.querySelectorAll('.item')];
                const rows = [...document.querySelectorAll('#index tr[id^=concept-]')];
                return {
                  viewport: innerHeight,
                  height: document.documentElement.scrollHeight,
                  cards: cards.length,
                  laidOut: cards.filter(c => box(c).height > 0).length,
                  index: box(document.getElementById('index')),
                  firstRow: box(rows[0]),
                  rows: rows.length,
                  brokenLinks: [...document.querySelectorAll('#index a[href^="#"]')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length,
                  links: document.querySelectorAll('#index a[href^="#card-"]').length,
                  firstCard: box(cards[0]),
                  images: document.querySelectorAll('.item img').length,
                  lazy: document.querySelectorAll('.item img[loading=lazy]').length,
                };
                """);

            Assert.Equal(128, page.GetProperty("cards").GetInt32());
            Assert.Equal(128, page.GetProperty("laidOut").GetInt32());
            Assert.Equal(30, page.GetProperty("rows").GetInt32());
            Assert.Equal(128, page.GetProperty("links").GetInt32());
            Assert.Equal(0, page.GetProperty("brokenLinks").GetInt32());
            var viewport = page.GetProperty("viewport").GetDouble();
            Assert.True(page.GetProperty("index").GetProperty("top").GetDouble() < 120, "the index starts under the title");
            Assert.True(page.GetProperty("firstRow").GetProperty("bottom").GetDouble() < viewport, "its first row is on the first screen");
            Assert.True(page.GetProperty("firstCard").GetProperty("top").GetDouble() > page.GetProperty("index").GetProperty("bottom").GetDouble(), "the cards come after the index");
            Assert.Equal(128, page.GetProperty("images").GetInt32());
            Assert.Equal(128, page.GetProperty("lazy").GetInt32());
            Assert.True(page.GetProperty("height").GetDouble() < 31_000, $"page {page.GetProperty("height").GetDouble()} px: at most half the old 62,000");

            var png = Path.Combine(dir.FullName, "report.png");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "report.html"), html);
            await HeadlessChromium.RunAsync(new Uri(Path.Combine(dir.FullName, "report.html")).AbsoluteUri, "--window-size=1200,900", $"--screenshot={png}");
            using var shot = SKBitmap.Decode(png);
            Assert.NotNull(shot);
            Assert.True(InkShare(shot, 0, 400) > 0.02, "the first screen shows the index, not a blank page");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(400, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(90, 140, 200));
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>The share of pixels in rows [from, to) that are clearly darker than the page's background.</summary>
    private static double InkShare(SKBitmap bitmap, int from, int to)
    {
        var ink = 0;
        var total = 0;
        for (var y = from; y < Math.Min(to, bitmap.Height); y++)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                ink += (p.Red + p.Green + p.Blue) / 3 < 160 ? 1 : 0;
                total++;
            }
        }

        return ink / (double)Math.Max(1, total);
    }
}
