using System.Text.Json;

namespace Personalization.Cli.Tests.Reporting;

/// <summary>
/// Renders a report in headless Chromium with a probe: a copy of the page with one script appended that measures the
/// laid-out page (or acts as a reader clicking filters) and writes JSON into <c>&lt;pre id="probe"&gt;</c>. The script
/// runs while the page is parsed, after everything above it is in the DOM, so no timer decides when to measure. The
/// report itself has no script; only this copy does.
/// </summary>
internal static class ReportProbe
{
    public static async Task<JsonElement> RunAsync(string html, string directory, string script, string windowSize = "1200,900")
    {
        var page = Path.Combine(directory, "probe.html");
        var probe = $"<script>const probe=document.createElement('pre');probe.id='probe';probe.textContent=JSON.stringify((()=>{{{script}}})());document.body.append(probe);</script>";
        await File.WriteAllTextAsync(page, html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));
        var dom = await HeadlessChromium.RunAsync(new Uri(page).AbsoluteUri, $"--window-size={windowSize}", "--dump-dom");
        var start = dom.IndexOf("<pre id=\"probe\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the probe did not run: " + dom[..Math.Min(dom.Length, 500)]);
        start += "<pre id=\"probe\">".Length;
        var json = System.Net.WebUtility.HtmlDecode(dom[start..dom.IndexOf("</pre>", start, StringComparison.Ordinal)]);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
