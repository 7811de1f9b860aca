using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize recognize</c>: run the whole chain on images and write one JSON result each.</summary>
internal static class RecognizeCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "Whose concepts to look for.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the JSON results.", DefaultValueFactory = _ => Path.Combine("out", "recognize") };
        var json = new Option<bool>("--json") { Description = "Print each image's result document as one line of JSON (JSON Lines) instead of text." };
        var inputs = new Argument<string[]>("IMAGE_OR_FOLDER") { Description = "Images, or folders of images (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("recognize", "Finds the owner's concepts in each image: which one, where, how sure and why, with a caption that names it.")
        {
            owner, output, json, inputs,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var given = ImageFiles.Collect(parse.GetValue(inputs) ?? []);
            await given.ReportAsync(console.Error).ConfigureAwait(false);
            if (given.NothingToDo)
            {
                return ExitCodes.Fatal;
            }

            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var asJson = parse.GetValue(json);
            var progress = new ProgressReporter(console, "recognise", given.Sources.Count);
            var outcomes = await services.GetRequiredService<RecognitionService>().RecognizeAsync(id, given.Sources, o =>
            {
                if (asJson)
                {
                    OutcomePrinter.PrintJson(console, o);
                }
                else
                {
                    OutcomePrinter.Print(console, o);
                }

                progress.Advance();
            }, token).ConfigureAwait(false);

            await services.GetRequiredService<IImageIndex>().UpsertRecognizedAsync(id, outcomes, token).ConfigureAwait(false);
            await OutputFolder.WriteAsync(services, console, outDir, $"Recognition for {id}", [.. outcomes.Select(o => new LabelledOutcome(o, null, Labelled: false))], null, token).ConfigureAwait(false);
            var failed = outcomes.Count(o => !o.Succeeded);
            await (asJson ? console.Error : console.Out).WriteLineAsync($"{outcomes.Count - failed} recognised, {failed} failed; results and report.html in {TerminalText.Escape(outDir)}").ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
        }, ct));
        return command;
    }
}
