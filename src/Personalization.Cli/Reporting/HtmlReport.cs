using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Models.Imaging;

namespace Personalization.Cli.Reporting;

/// <summary>
/// Writes the self-contained HTML report (<c>report.html</c> plus JPEG thumbnails in <c>thumbs/</c>, no scripts, no
/// network) of a <c>recognize</c>, <c>demo</c> or <c>eval</c> run: the thumbnails here, the page by <see cref="ReportPage"/>.
/// The thresholds it draws come from the summary's configuration snapshot, or the services' when there is no summary.
/// </summary>
internal static class HtmlReport
{
    public static async Task WriteAsync(IServiceProvider services, string outDir, string title, IReadOnlyList<LabelledOutcome> outcomes, SummaryDocument? summary, CancellationToken cancellationToken)
    {
        var thumbnails = services.GetRequiredService<ThumbnailWriter>();
        var thumbsDir = Path.Combine(outDir, "thumbs");
        Directory.CreateDirectory(thumbsDir);
        var thumbs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in outcomes)
        {
            if (item.Outcome.Succeeded && File.Exists(item.Outcome.Id))
            {
                try
                {
                    var bytes = await File.ReadAllBytesAsync(item.Outcome.Id, cancellationToken).ConfigureAwait(false);
                    var thumb = "thumbs/" + Path.ChangeExtension(JsonOutput.SafeFileName(item.Outcome.Id, item.Outcome.Result!.ContentHash), ".jpg");
                    await File.WriteAllBytesAsync(Path.Combine(outDir, thumb), thumbnails.CreateJpeg(bytes), cancellationToken).ConfigureAwait(false);
                    thumbs[item.Outcome.Id] = thumb;
                }
                catch (ImageRejectedException)
                {
                    // drawn without a photo: the boxes and the trail still say what was found
                }
            }
        }

        var configuration = summary?.Configuration ?? ConfigurationSnapshot.Of(services);
        var html = ReportPage.Render(title, outcomes, thumbs, summary, configuration, DateTimeOffset.UtcNow);
        var path = Path.Combine(outDir, "report.html");
        await File.WriteAllTextAsync(path + ".tmp", html, cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
