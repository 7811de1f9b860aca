using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Models.Imaging;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>
/// A self-contained HTML report (<c>report.html</c> plus JPEG thumbnails in <c>thumbs/</c>, no scripts, no network):
/// per image the photo with every detection and the decided box drawn and labelled, the answer, the decision trail
/// (candidates with their retrieval, attribute, verification and pairwise scores, the stage that decided and why),
/// and the caption; failures first. With a summary: the figures, the per-concept table and the confusion matrix.
/// </summary>
internal static class HtmlReport
{
    public static async Task WriteAsync(IServiceProvider services, string outDir, string title, IReadOnlyList<LabelledOutcome> outcomes, SummaryDocument? summary, CancellationToken cancellationToken)
    {
        var thumbnails = services.GetRequiredService<ThumbnailWriter>();
        var thumbsDir = Path.Combine(outDir, "thumbs");
        Directory.CreateDirectory(thumbsDir);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(HtmlEncode(title)).Append("</title><style>")
            .Append(ReportStyle.Css).Append("</style></head><body><h1>").Append(HtmlEncode(title)).Append("</h1>");
        if (summary is not null)
        {
            SummarySection.Append(html, summary);
        }

        html.Append("<h2>Images</h2><p class=\"legend\">Failures first. Grey boxes: detections; the coloured box: the region that decided.</p><div class=\"items\">");
        foreach (var item in Order(outcomes))
        {
            string? thumb = null;
            if (item.Outcome.Succeeded && File.Exists(item.Outcome.Id))
            {
                try
                {
                    var bytes = await File.ReadAllBytesAsync(item.Outcome.Id, cancellationToken).ConfigureAwait(false);
                    thumb = "thumbs/" + Path.ChangeExtension(JsonOutput.SafeFileName(item.Outcome.Id, item.Outcome.Result!.ContentHash), ".jpg");
                    await File.WriteAllBytesAsync(Path.Combine(outDir, thumb), thumbnails.CreateJpeg(bytes), cancellationToken).ConfigureAwait(false);
                }
                catch (ImageRejectedException)
                {
                    thumb = null;
                }
            }

            ItemSection.Append(html, item, thumb);
        }

        html.Append("</div><footer>Generated ").Append(DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture)).Append(" by personalize.</footer></body></html>");
        var path = Path.Combine(outDir, "report.html");
        await File.WriteAllTextAsync(path + ".tmp", html.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Errors, then wrong answers, then the rest; each group in input order.</summary>
    internal static IEnumerable<LabelledOutcome> Order(IReadOnlyList<LabelledOutcome> outcomes) =>
        outcomes.Select((o, i) => (o, i)).OrderBy(x => Rank(x.o)).ThenBy(x => x.i).Select(x => x.o);

    private static int Rank(LabelledOutcome o) => !o.Outcome.Succeeded ? 0 : o.Labelled && !o.Correct ? 1 : 2;
}
