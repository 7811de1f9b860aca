using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Datasets;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize demo</c>: the main job on the bundled example. Enrols the first photo of each subject of a
/// labelled dataset (DreamBooth by default) for the owner <c>demo</c>, recognises every other photo, prints a
/// line per image and a summary, and writes the results, <c>summary.json</c> and <c>report.html</c>.
/// </summary>
internal static class DemoCommand
{
    public const string DemoOwner = "demo";

    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Folder with one sub-folder per concept (default ../shared/datasets/dreambooth)." };
        var output = new Option<string>("--out") { Description = "Folder for results, summary.json and report.html.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var references = new Option<int>("--references") { Description = "Photos enrolled per concept.", DefaultValueFactory = _ => 1 }.InRange(1);
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
                await console.Error.WriteLineAsync($"skipped {TerminalText.Escape(s)}").ConfigureAwait(false);
            }

            data.EnsureSomethingToRecognise(negatives: 0);

            var run = await LabelledRunner.RunAsync(services, data, [], OwnerId.Parse(DemoOwner), console, printLines: true, token).ConfigureAwait(false);
            await services.GetRequiredService<IImageIndex>().UpsertRecognizedAsync(OwnerId.Parse(DemoOwner), run.Outcomes.Select(o => o.Outcome), token).ConfigureAwait(false);
            var summary = SummaryDocument.From(data.Root, run, ConfigurationSnapshot.Of(services));
            await OutputFolder.WriteAsync(services, console, outDir, "Demo: DreamBooth recognition", run.Outcomes, summary, token).ConfigureAwait(false);
            await summary.PrintAsync(console.Out).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"results, summary.json and report.html in {outDir}").ConfigureAwait(false);
            return run.Failed == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
        }, ct));
        return command;
    }
}
