using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Datasets;
using Personalization.Cli.Output;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// Enrols the references of a labelled dataset for one owner (replacing that owner's concepts), recognises
/// every query and negative, and scores the answers. Used by <c>demo</c> and <c>eval</c>.
/// </summary>
internal static class LabelledRunner
{
    public static async Task<LabelledRun> RunAsync(
        IServiceProvider services, LabelledDataset data, IReadOnlyList<string> negatives, OwnerId owner, CliConsole console, bool printLines, CancellationToken token,
        IReadOnlyDictionary<string, BoundingBox>? referenceBoxes = null)
    {
        var index = services.GetRequiredService<IConceptIndex>();
        var timings = services.GetRequiredService<StageTimings>();
        var usage = services.GetRequiredService<ReasoningUsage>();
        usage.Reset();
        foreach (var old in await index.ListAsync(owner, token).ConfigureAwait(false))
        {
            await index.DeleteAsync(owner, old.Name, token).ConfigureAwait(false);
        }

        var enrolment = services.GetRequiredService<EnrollmentService>();
        var enrolFailures = new List<(string, string)>();
        var enrolClock = Stopwatch.StartNew();
        var progress = new ProgressReporter(console, "enrol", data.Concepts.Count);
        foreach (var concept in data.Concepts)
        {
            var outcome = await enrolment.EnrollAsync(
                new EnrollmentRequest(owner, concept.Name, concept.Category, null, [], [.. concept.References.Select(ImageSource.FromFile)], referenceBoxes), token).ConfigureAwait(false);
            foreach (var failure in outcome.Failures)
            {
                enrolFailures.Add(failure);
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(failure.Id)}: {TerminalText.Escape(failure.Error)}").ConfigureAwait(false);
            }

            progress.Advance();
        }

        enrolClock.Stop();
        if (printLines)
        {
            await console.Out.WriteLineAsync($"enrolled {data.Concepts.Count} concepts for '{owner}' in {enrolClock.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
        }

        var queries = data.Queries.Select(q => (q.Path, Truth: (string?)q.Truth)).Concat(negatives.Select(n => (Path: n, Truth: (string?)null))).ToList();
        var truthOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (path, truth) in queries)
        {
            truthOf[path] = truth;
        }

        timings.Reset();
        progress = new ProgressReporter(console, "recognise", queries.Count);
        var clock = Stopwatch.StartNew();
        var outcomes = await services.GetRequiredService<RecognitionService>().RecognizeAsync(
            owner,
            [.. queries.Select(q => ImageSource.FromFile(q.Path))],
            o =>
            {
                if (printLines)
                {
                    OutcomePrinter.Print(console, o, truthOf[o.Id] ?? "none");
                }

                progress.Advance();
            },
            token).ConfigureAwait(false);
        clock.Stop();

        var labelled = outcomes.Select(o => new LabelledOutcome(o, truthOf[o.Id])).ToList();
        var evaluated = labelled.Where(l => l.Outcome.Result is not null).Select(l => new EvaluatedImage(
            l.Outcome.Id,
            l.Truth,
            l.Outcome.Result!.Concept?.Value,
            [.. l.Outcome.Result.Trace.Candidates.Select(c => c.Concept.Value)],
            l.Outcome.Result.Stage,
            l.Outcome.Result.Caption,
            l.Outcome.Result.Score,
            l.Outcome.Result.AlsoPresent?.Select(a => a.Concept.Value).ToList())).ToList();
        var summary = RecognitionEvaluation.Summarize(evaluated, [.. data.Concepts.Select(c => c.Name.Value)]);
        return new LabelledRun(summary, labelled, enrolFailures, enrolClock.Elapsed, clock.Elapsed, timings.Snapshot(), usage.Snapshot());
    }
}
