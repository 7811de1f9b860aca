using System.CommandLine;
using System.Globalization;
using Personalization.Cli.Datasets;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Core.Domain;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize eval</c>: enrol the first N images of each concept folder for a fresh temporary owner, recognise
/// the rest (and any negatives), and report recognition, retrieval and caption scores, stages and confusions;
/// optionally a second configuration on the same data, side by side.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Folder with one sub-folder per concept (folder name = concept name); optional subjects.csv (subject,class).", Required = true };
        var references = new Option<int>("--references") { Description = "Images enrolled per concept, first by file name.", DefaultValueFactory = _ => 1 }.InRange(1);
        var negatives = new Option<string?>("--negatives") { Description = "Folder of images that show none of the concepts." };
        var output = new Option<string>("--out") { Description = "Folder for summary.json, results and report.html.", DefaultValueFactory = _ => Path.Combine("out", "eval") };
        var json = new Option<bool>("--json") { Description = "Print summary.json instead of the text summary." };
        var feedback = FeedbackRound.CreateOption();
        var boxes = new Option<string?>("--reference-boxes")
        {
            Description = "CSV image,x,y,width,height (image relative to the dataset folder, pixels of that image): enrol each listed reference from its box; the others use the object chosen automatically.",
        };
        var queryBoxes = new Option<string?>("--query-boxes")
        {
            Description = "CSV image,x,y,width,height (as --reference-boxes) of where each query's concept truly is: also reports localisation (RePIC: IoU ≥ 0.5 with the true box, and the mean IoU) over the right answers.",
        };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Also run with these settings changed (repeatable KEY=VALUE, e.g. Encoders:Image=resnet18) and print both side by side.",
        };
        var command = new Command("eval", "Measures recognition on a labelled folder: accuracy, precision/recall/F1, top-1/top-3 retrieval, caption metric, stages, confusions.")
        {
            dataset, references, negatives, output, json, compare, boxes, queryBoxes, feedback,
        };
        command.SetAction(async (parse, ct) =>
        {
            LabelledDataset data;
            List<string> negativeFiles;
            Dictionary<string, string?> changes;
            Dictionary<string, BoundingBox>? referenceBoxes = null;
            Dictionary<string, BoundingBox>? trueBoxes = null;
            try
            {
                data = LabelledDataset.Load(Path.GetFullPath(parse.GetValue(dataset)!), parse.GetValue(references));
                if (parse.GetValue(boxes) is { } boxFile)
                {
                    referenceBoxes = BoxFile.Load(boxFile, data.Root, "reference boxes");
                }

                if (parse.GetValue(queryBoxes) is { } queryBoxFile)
                {
                    trueBoxes = BoxFile.Load(queryBoxFile, data.Root, "query boxes");
                }

                var negativesDir = parse.GetValue(negatives);
                if (negativesDir is not null && !Directory.Exists(negativesDir))
                {
                    throw new DirectoryNotFoundException($"negatives folder '{negativesDir}' does not exist");
                }

                negativeFiles = negativesDir is null ? [] : [.. ImageFiles.Expand([negativesDir]).Select(s => s.Id)];
                data.EnsureSomethingToRecognise(negativeFiles.Count);
                changes = ParseChanges(parse.GetValue(compare) ?? []);
            }
            catch (Exception e) when (e is NothingToDoException or DirectoryNotFoundException or FileNotFoundException or ArgumentException or FormatException or IOException)
            {
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var asJson = parse.GetValue(json);

            var (exit, baseline) = await RunOnceAsync(parse, globals, console, data, negativeFiles, outDir, new Dictionary<string, string?>(), !asJson, referenceBoxes, trueBoxes, ct, parse.GetValue(feedback), asJson ? console.Error : console.Out).ConfigureAwait(false);
            if (baseline is null)
            {
                return exit;
            }

            SummaryDocument? other = null;
            if (changes.Count > 0)
            {
                (var otherExit, other) = await RunOnceAsync(parse, globals, console, data, negativeFiles, Path.Combine(outDir, "compare"), changes, false, referenceBoxes, trueBoxes, ct).ConfigureAwait(false);
                exit = Math.Max(exit, otherExit);
            }

            if (asJson)
            {
                await JsonOutput.PrintAsync(console.Out, baseline).ConfigureAwait(false);
            }
            else
            {
                await baseline.PrintAsync(console.Out).ConfigureAwait(false);
                if (other is not null)
                {
                    await PrintSideBySideAsync(console.Out, baseline, other, changes).ConfigureAwait(false);
                }

                await console.Out.WriteLineAsync($"summary.json, results and report.html in {outDir}").ConfigureAwait(false);
            }

            return exit;
        });
        return command;
    }

    private static async Task<(int Exit, SummaryDocument? Summary)> RunOnceAsync(
        ParseResult parse, GlobalOptions globals, CliConsole console, LabelledDataset data, IReadOnlyList<string> negatives, string outDir,
        Dictionary<string, string?> changes, bool skippedNotice, IReadOnlyDictionary<string, BoundingBox>? referenceBoxes, IReadOnlyDictionary<string, BoundingBox>? trueBoxes,
        CancellationToken ct, int feedback = 0, TextWriter? feedbackText = null)
    {
        // A fresh owner in a throw-away data folder: an evaluation never touches the user's concepts.
        var scratch = Directory.CreateTempSubdirectory("personalize-eval-");
        var overrides = new Dictionary<string, string?>(changes) { ["LocalData:Directory"] = scratch.FullName };
        SummaryDocument? summary = null;
        try
        {
            var exit = await CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
            {
                if (skippedNotice)
                {
                    foreach (var s in data.Skipped)
                    {
                        await console.Error.WriteLineAsync($"skipped {TerminalText.Escape(s)}").ConfigureAwait(false);
                    }
                }

                var owner = OwnerId.Parse("eval-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
                var run = await LabelledRunner.RunAsync(services, data, negatives, owner, console, printLines: false, token, referenceBoxes).ConfigureAwait(false);
                if (feedback > 0)
                {
                    var round = await FeedbackRound.RunAsync(services, data, run, owner, feedback, console, token).ConfigureAwait(false);
                    await round.PrintAsync(feedbackText ?? console.Out).ConfigureAwait(false);
                }

                summary = SummaryDocument.From(data.Root, run, ConfigurationSnapshot.Of(services), trueBoxes);
                await OutputFolder.WriteAsync(services, console, outDir, $"Evaluation: {Path.GetFileName(data.Root)}", run.Outcomes, summary, token).ConfigureAwait(false);
                return run.Failed == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
            }, ct, overrides).ConfigureAwait(false);
            return (exit, summary);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    internal static Dictionary<string, string?> ParseChanges(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--compare expects KEY=VALUE, got '{pair}'");
            }

            result[pair[..eq].Trim().Replace("__", ":", StringComparison.Ordinal)] = pair[(eq + 1)..].Trim();
        }

        return result;
    }

    private static async Task PrintSideBySideAsync(TextWriter writer, SummaryDocument a, SummaryDocument b, Dictionary<string, string?> changes)
    {
        var c = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync($"{"",-28}{"baseline",12}{"compare",12}   ({string.Join(", ", changes.Select(kv => $"{kv.Key}={kv.Value}"))})").ConfigureAwait(false);
        (string Name, double A, double B)[] rows =
        [
            ("accuracy", a.Recognition.Accuracy, b.Recognition.Accuracy),
            ("precision", a.Recognition.Precision, b.Recognition.Precision),
            ("recall", a.Recognition.Recall, b.Recognition.Recall),
            ("F1", a.Recognition.F1, b.Recognition.F1),
            ("retrieval top-1", a.Recognition.Top1Accuracy, b.Recognition.Top1Accuracy),
            ("retrieval top-3", a.Recognition.Top3Accuracy, b.Recognition.Top3Accuracy),
            ("caption F1", a.Captions.F1, b.Captions.F1),
            ("images/s", a.Speed.ImagesPerSecond, b.Speed.ImagesPerSecond),
        ];
        foreach (var (name, x, y) in rows)
        {
            await writer.WriteLineAsync(string.Create(c, $"{name,-28}{x,12:F3}{y,12:F3}")).ConfigureAwait(false);
        }
    }
}
