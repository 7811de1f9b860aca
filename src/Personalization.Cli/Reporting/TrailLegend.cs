using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Personalization.Cli.Reporting;

/// <summary>What each stage of the decision trail means, with the run's thresholds, and what the colours of the cards say.</summary>
internal static class TrailLegend
{
    public static void Append(StringBuilder html, ReportThresholds t)
    {
        var c = CultureInfo.InvariantCulture;
        string Value(double? v) => v is { } x ? x.ToString("0.###", c) : "(not in the configuration)";
        html.Append("<section class=\"legend-box\" id=\"legend\"><h2>How to read a card</h2><dl class=\"trail-legend\">")
            .Append("<dt>candidate</dt><dd>The owner's concepts retrieval ranked highest for this photo; the highlighted row is the answer.</dd>")
            .Append("<dt>retrieval</dt><dd>").Append(HtmlEncode($"The fused retrieval score of the candidate's best matching region (image, text and local-feature evidence). Below RejectBelow = {Value(t.RejectBelow)} for the best candidate the answer is \"none\" at once (stage rejected).")).Append("</dd>")
            .Append("<dt>image · text</dt><dd>The image–image and image–text similarities that the retrieval score fuses.</dd>")
            .Append("<dt>attributes</dt><dd>Attribute reasoning: how well the concept's attributes match what is visible in the photo (hover for the visible ones); reasoning chooses one candidate.</dd>")
            .Append("<dt>verification</dt><dd>").Append(HtmlEncode($"Cross-modal verification of reasoning's claims with the encoders. When it agrees and the retrieval score reaches AcceptAbove = {Value(t.AcceptAbove)}, the stage is verification.")).Append("</dd>")
            .Append("<dt>pairwise</dt><dd>").Append(HtmlEncode($"The fallback when verification does not confirm: the probability that the photo shows the candidate. The best one at PairwiseAccept = {Value(t.PairwiseAccept)} or above is the answer (stage pairwise), else \"none\" (stage rejected).")).Append("</dd>")
            .Append("<dt>–</dt><dd>The stage did not run for that candidate.</dd></dl>")
            .Append("<p class=\"colours\"><span class=\"key ok\">correct / answered</span> <span class=\"key weak\">weak</span> <span class=\"key wrong\">wrong</span> <span class=\"key none\">none of the concepts</span> <span class=\"key error\">failed</span></p>")
            .Append("<p class=\"legend\">").Append(HtmlEncode(WeakAnswer.Describe(t))).Append(". In the photo, grey boxes are detections and the orange box is the region that decided.</p></section>");
    }
}
