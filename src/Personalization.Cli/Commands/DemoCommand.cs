using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Datasets;
using Personalization.Cli.Output;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize demo</c>: the main job on the bundled example. Enrols the first photo of each subject of a
/// labelled dataset (DreamBooth by default) for the owner <c>demo</c>, recognises every other photo, prints a
/// line per image and a summary, and writes the results and <c>summary.json</c>.
/// </summary>
internal static class DemoCommand
{
    public const string DemoOwner = "demo";

    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Folder with one sub-folder per concept (default ../shared/datasets/dreambooth)." };
        var output = new Option<string>("--out") { Description = "Folder for results and summary.json (default ./out/demo).", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var references = new Option<int>("--references") { Description = "Photos enrolled per concept (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Enrols the first photo of each DreamBooth subject, recognises all the others, and reports accuracy and speed.")
        {
            dataset, output, references,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var data = LabelledDataset.Load(Path.GetFullPath(parse.GetValue(dataset) ?? CliHost.DefaultDataset()), parse.GetValue(references));
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            foreach (var s in data.Skipped)
            {
                await console.Error.WriteLineAsync($"skipped {s}").ConfigureAwait(false);
            }

            return await RunAsync(services, data, outDir, console, token).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, LabelledDataset data, string outDir, CliConsole console, CancellationToken token)
    {
        var owner = OwnerId.Parse(DemoOwner);
        var index = services.GetRequiredService<IConceptIndex>();
        var timings = services.GetRequiredService<StageTimings>();
        foreach (var old in await index.ListAsync(owner, token).ConfigureAwait(false))
        {
            await index.DeleteAsync(owner, old.Name, token).ConfigureAwait(false);
        }

        var enrolment = services.GetRequiredService<EnrollmentService>();
        var enrolClock = Stopwatch.StartNew();
        var failures = 0;
        var progress = new ProgressReporter(console, "enrol", data.Concepts.Count);
        foreach (var concept in data.Concepts)
        {
            var outcome = await enrolment.EnrollAsync(
                new EnrollmentRequest(owner, concept.Name, concept.Category, null, [], [.. concept.References.Select(ImageSource.FromFile)]), token).ConfigureAwait(false);
            foreach (var (id, error) in outcome.Failures)
            {
                failures++;
                await console.Error.WriteLineAsync($"error: {id}: {error}").ConfigureAwait(false);
            }

            progress.Advance();
        }

        enrolClock.Stop();
        await console.Out.WriteLineAsync(Invariant($"enrolled {data.Concepts.Count} concepts for '{owner}' in {enrolClock.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);

        var queries = data.Queries.ToList();
        var truthOf = queries.ToDictionary(q => q.Path, q => q.Truth, StringComparer.Ordinal);
        timings.Reset();
        var clock = Stopwatch.StartNew();
        progress = new ProgressReporter(console, "recognise", queries.Count);
        var outcomes = await services.GetRequiredService<RecognitionService>().RecognizeAsync(
            owner,
            [.. queries.Select(q => ImageSource.FromFile(q.Path))],
            o =>
            {
                OutcomePrinter.Print(console, o, truthOf[o.Id]);
                progress.Advance();
            },
            token).ConfigureAwait(false);
        clock.Stop();

        var pool = data.Concepts.Select(c => c.Name.Value).ToList();
        var summary = DemoSummary.Create(outcomes, truthOf, pool, clock.Elapsed, timings.Snapshot(), enrolClock.Elapsed, data.Concepts.Count);
        foreach (var o in outcomes.Where(o => o.Succeeded))
        {
            var truth = truthOf[o.Id];
            await JsonOutput.WriteAsync(Path.Combine(outDir, "results", truth, JsonOutput.SafeFileName(o.Id, o.Result!.ContentHash)), ResultDocument.From(o, truth), token).ConfigureAwait(false);
        }

        await JsonOutput.WriteAsync(Path.Combine(outDir, "summary.json"), summary, token).ConfigureAwait(false);
        await summary.PrintAsync(console.Out).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"results and summary.json in {outDir}").ConfigureAwait(false);
        failures += summary.Failed;
        return failures == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
