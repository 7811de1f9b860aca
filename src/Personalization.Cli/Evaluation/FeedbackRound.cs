using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Datasets;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// <c>eval --feedback N</c>: after the first pass, the user confirms the first N correct results of each concept (in
/// query order, with the result's box), as <c>personalize confirm</c> would; then every query is recognised again.
/// Scores are given over all queries and over the held-out ones (those not confirmed), since a confirmed photo is
/// found again trivially.
/// </summary>
internal static class FeedbackRound
{
    public static Option<int> CreateOption() => new("--feedback")
    {
        Description = "After the first pass, confirm the first N correct results of each concept (with their boxes), recognise again, and print both.",
        DefaultValueFactory = _ => 0,
    };

    public static async Task<FeedbackRoundResult> RunAsync(
        IServiceProvider services, LabelledDataset data, LabelledRun first, OwnerId owner, int perConcept, CliConsole console, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(first);
        var feedback = services.GetRequiredService<FeedbackService>();
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in first.Outcomes.Where(o => o.Truth is not null && o.Correct).GroupBy(o => o.Truth!, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var o in group.Take(perConcept))
            {
                var r = o.Outcome.Result!;
                var (width, height) = (o.Outcome.Analysis?.Width ?? 0, o.Outcome.Analysis?.Height ?? 0);
                var box = r.Box is { } b && !FeedbackTarget.IsWholePhoto(b, width, height) ? b : null;
                try
                {
                    await feedback.ConfirmAsync(owner, r.Concept!.Value, ImageSource.FromFile(o.Outcome.Id), box, r.ContentHash, token, boxIsHint: true).ConfigureAwait(false);
                    confirmed.Add(o.Outcome.Id);
                }
                catch (FeedbackException e)
                {
                    await console.Error.WriteLineAsync($"error: confirm {TerminalText.Escape(o.Outcome.Id)}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                }
            }
        }

        var truthOf = first.Outcomes.ToDictionary(o => o.Outcome.Id, o => o.Truth, StringComparer.Ordinal);
        var again = await services.GetRequiredService<RecognitionService>().RecognizeAsync(
            owner, [.. truthOf.Keys.Select(ImageSource.FromFile)], _ => { }, token).ConfigureAwait(false);
        var second = again.Select(o => new LabelledOutcome(o, truthOf[o.Id])).ToList();
        var concepts = data.Concepts.Select(c => c.Name.Value).ToList();
        return new FeedbackRoundResult(
            perConcept,
            confirmed.Count,
            first.Summary,
            Summarize(second, concepts, _ => true),
            Summarize(first.Outcomes, concepts, id => !confirmed.Contains(id)),
            Summarize(second, concepts, id => !confirmed.Contains(id)),
            second);
    }

    private static EvaluationSummary Summarize(IEnumerable<LabelledOutcome> outcomes, IReadOnlyList<string> concepts, Func<string, bool> include) =>
        RecognitionEvaluation.Summarize(
            [.. outcomes.Where(o => o.Outcome.Result is not null && include(o.Outcome.Id)).Select(o => new EvaluatedImage(
                o.Outcome.Id,
                o.Truth,
                o.Outcome.Result!.Concept?.Value,
                [.. o.Outcome.Result.Trace.Candidates.Select(c => c.Concept.Value)],
                o.Outcome.Result.Stage,
                o.Outcome.Result.Caption,
                o.Outcome.Result.Score,
                o.Outcome.Result.AlsoPresent?.Select(a => a.Concept.Value).ToList()))],
            concepts);
}
