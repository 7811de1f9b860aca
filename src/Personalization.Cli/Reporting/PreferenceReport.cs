using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Commands;
using Personalization.Core.Preference;
using Personalization.Models.Imaging;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>The preference report: the references, the profile, and per pair the two candidates side by side with the verdict and the per-dimension table.</summary>
internal static class PreferenceReport
{
    public static async Task WriteAsync(
        IServiceProvider services, string outDir, PreferenceProfile profile, IReadOnlyList<string> liked, IReadOnlyList<string> disliked,
        IReadOnlyList<(PreferenceVerdict Verdict, string A, string B)> verdicts, CancellationToken cancellationToken)
    {
        var thumbnails = services.GetRequiredService<ThumbnailWriter>();
        Directory.CreateDirectory(Path.Combine(outDir, "thumbs"));
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preference</title><style>").Append(ReportStyle.Css)
            .Append(".refs img{height:90px;margin:2px}.pair{display:flex;gap:10px}.pair figure{margin:0;flex:1}.pair img{width:100%}.pair figure.won{outline:4px solid #3a3}</style></head><body>")
            .Append("<h1>Preference of ").Append(HtmlEncode(profile.Owner)).Append("</h1>");
        foreach (var (title, files) in new[] { ("Liked", liked), ("Disliked", disliked) })
        {
            html.Append("<h2>").Append(title).Append("</h2><div class=\"refs\">");
            foreach (var f in ImageFiles.Expand(files).Select(s => s.Id))
            {
                html.Append(await ThumbAsync(thumbnails, outDir, f, cancellationToken).ConfigureAwait(false));
            }

            html.Append("</div>");
        }

        html.Append("<h2>Profile</h2><table class=\"profile\"><tr><th class=\"name\">dimension</th><th>weight</th><th class=\"name\">likes</th><th class=\"name\">dislikes</th></tr>");
        foreach (var d in profile.Dimensions)
        {
            html.Append(c, $"<tr><td class=\"name\">{OfflinePreferenceModel.Name(d.Dimension)}</td><td>{d.Weight:F2}</td><td class=\"name\">{HtmlEncode(Commands.ProfileCommand.Join(d, d.Likes))}</td><td class=\"name\">{HtmlEncode(Commands.ProfileCommand.Join(d, d.Dislikes))}</td></tr>");
        }

        html.Append("</table><h2>Verdicts</h2>");
        foreach (var (v, a, b) in verdicts)
        {
            html.Append("<section class=\"item\"><div class=\"pair\">");
            foreach (var (label, file) in new[] { ("A", a), ("B", b) })
            {
                html.Append("<figure class=\"").Append(v.Preferred == label ? "won" : string.Empty).Append("\">")
                    .Append(await ThumbAsync(thumbnails, outDir, file, cancellationToken).ConfigureAwait(false))
                    .Append("<figcaption>").Append(label).Append(": ").Append(HtmlEncode(Path.GetFileName(file))).Append("</figcaption></figure>");
            }

            html.Append(c, $"</div><p class=\"verdict\"><b>{v.Preferred}</b> preferred · confidence {v.Confidence:F3}{(v.Consistent ? string.Empty : " · inconsistent when swapped")}</p>")
                .Append("<p class=\"decision\">").Append(HtmlEncode(v.Reason)).Append("</p>")
                .Append(string.Concat((v.Stages ?? []).Select(stage => $"<p class=\"decision\">{HtmlEncode(stage)}</p>")))
                .Append("<table class=\"trail\"><tr><th class=\"name\">dimension</th><th>A</th><th>B</th><th>weight</th><th class=\"name\">reason</th></tr>");
            foreach (var d in v.Dimensions)
            {
                html.Append(c, $"<tr><td class=\"name\">{OfflinePreferenceModel.Name(d.Dimension)}</td><td>{d.ScoreA:F2}</td><td>{d.ScoreB:F2}</td><td>{d.Weight:F2}</td><td class=\"name\">{HtmlEncode(d.Reason)}</td></tr>");
            }

            html.Append("</table></section>");
        }

        html.Append("</body></html>");
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.html"), html.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ThumbAsync(ThumbnailWriter thumbnails, string outDir, string file, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var name = "thumbs/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + ".jpg";
            await File.WriteAllBytesAsync(Path.Combine(outDir, name), thumbnails.CreateJpeg(bytes, 320), cancellationToken).ConfigureAwait(false);
            return $"<img src=\"{name}\" alt=\"{HtmlEncode(Path.GetFileName(file))}\">";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageRejectedException)
        {
            return $"<span class=\"error-text\">{HtmlEncode(Path.GetFileName(file))}: {HtmlEncode(e.Message)}</span>";
        }
    }
}
