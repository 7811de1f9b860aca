using System.Globalization;

namespace Personalization.Cli.Reporting;

/// <summary>
/// The chain's thresholds as the run's configuration snapshot recorded them (<c>Recognition:RejectBelow</c>,
/// <c>Recognition:AcceptAbove</c>, <c>Recognition:PairwiseAccept</c>); null where the snapshot lacks one. The report
/// draws them on the histograms and measures weak answers against them, so it never carries numbers of its own.
/// </summary>
internal sealed record ReportThresholds(double? RejectBelow, double? AcceptAbove, double? PairwiseAccept)
{
    public const string RejectBelowKey = "Recognition:RejectBelow";
    public const string AcceptAboveKey = "Recognition:AcceptAbove";
    public const string PairwiseAcceptKey = "Recognition:PairwiseAccept";

    public static ReportThresholds None { get; } = new(null, null, null);

    public static ReportThresholds From(IReadOnlyDictionary<string, string>? configuration) =>
        configuration is null
            ? None
            : new(Read(configuration, RejectBelowKey), Read(configuration, AcceptAboveKey), Read(configuration, PairwiseAcceptKey));

    /// <summary>The retrieval score a candidate needs to be accepted after verification: the higher of the two retrieval thresholds.</summary>
    public double? RetrievalAccept => (RejectBelow, AcceptAbove) switch
    {
        ({ } r, { } a) => Math.Max(r, a),
        (var r, var a) => r ?? a,
    };

    private static double? Read(IReadOnlyDictionary<string, string> configuration, string key) =>
        configuration.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
