using System.Globalization;
using Personalization.Core.Metrics;

namespace Personalization.Cli.Evaluation;

/// <summary>Recognition before and after the confirmations, over all queries and over the held-out ones.</summary>
/// <param name="Second">The second pass, image by image.</param>
internal sealed record FeedbackRoundResult(
    int PerConcept,
    int Confirmed,
    EvaluationSummary Before,
    EvaluationSummary After,
    EvaluationSummary HeldOutBefore,
    EvaluationSummary HeldOutAfter,
    IReadOnlyList<LabelledOutcome> Second)
{
    public async Task PrintAsync(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(c, $"feedback: confirmed {Confirmed} correct results (the first {PerConcept} per concept), then recognised again")).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(c, $"{"",-14}{"all before",12}{"all after",12}{"held-out before",17}{"held-out after",16}   (held-out: {HeldOutAfter.Images} images not confirmed)")).ConfigureAwait(false);
        (string Name, Func<RecognitionScores, double> Value)[] rows =
        [
            ("accuracy", s => s.Accuracy),
            ("precision", s => s.Precision),
            ("recall", s => s.Recall),
            ("F1", s => s.F1),
            ("top-1", s => s.Top1Accuracy),
        ];
        foreach (var (name, value) in rows)
        {
            await writer.WriteLineAsync(string.Create(
                c, $"{name,-14}{value(Before.Recognition),12:F3}{value(After.Recognition),12:F3}{value(HeldOutBefore.Recognition),17:F3}{value(HeldOutAfter.Recognition),16:F3}")).ConfigureAwait(false);
        }
    }
}
