using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Personalization.Cli.Datasets;
using Personalization.Cli.Output;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize make-benchmark</c>: writes the synthetic hard benchmark (small subjects in cluttered, shared
/// "rooms", held-out look-alikes, negatives) from DreamBooth and the everyday photos, in the layout <c>eval</c> reads.
/// Needs no models.
/// </summary>
internal static class MakeBenchmarkCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Folder to write; replaced only if it holds a previous benchmark.", DefaultValueFactory = _ => Path.Combine("out", "hard") };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 7 };
        var references = new Option<int>("--references") { Description = "References per concept, 1 to 3; the queries are the same either way.", DefaultValueFactory = _ => 1 };
        var subjects = new Option<int?>("--subjects") { Description = "Enrol only this many subjects (default all 24 that are not held out); look-alikes of the held-out ones are kept." };
        var queries = new Option<int>("--queries-per-subject") { Description = "Queries per concept, cycling through its photos #4 on.", DefaultValueFactory = _ => 4 };
        var negatives = new Option<int>("--negatives") { Description = "Photos that show no enrolled subject.", DefaultValueFactory = _ => 60 };
        var dreambooth = new Option<string?>("--dreambooth") { Description = "DreamBooth folder: one sub-folder per subject, subjects.csv (default ../shared/datasets/dreambooth)." };
        var images = new Option<string?>("--images") { Description = "Everyday photos for clutter and backgrounds (default ../shared/images)." };
        var command = new Command("make-benchmark", "Writes a synthetic hard benchmark: small subjects in cluttered shared rooms, held-out look-alikes, negatives, true boxes.")
        {
            output, seed, references, subjects, queries, negatives, dreambooth, images,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dataset = parse.GetValue(dreambooth) ?? CliHost.DefaultDataset();
            var options = new HardBenchmarkOptions(
                parse.GetValue(output)!, dataset, parse.GetValue(images) ?? CliHost.DefaultImages(), parse.GetValue(seed), parse.GetValue(references),
                parse.GetValue(subjects), parse.GetValue(queries), parse.GetValue(negatives));
            var clock = Stopwatch.StartNew();
            HardBenchmarkSummary summary;
            try
            {
                summary = await HardBenchmarkGenerator.GenerateAsync(options, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }

            var c = CultureInfo.InvariantCulture;
            await console.Out.WriteLineAsync(string.Create(c,
                $"hard benchmark (synthetic, seed {options.Seed}): {summary.Enrolled.Count} concepts, {summary.References} references, {summary.Queries} queries, {summary.Negatives} negatives ({summary.HeldOut.Count} subjects held out) in {summary.Root} ({clock.Elapsed.TotalSeconds:F1} s)")).ConfigureAwait(false);
            await console.Out.WriteLineAsync("evaluate with:").ConfigureAwait(false);
            await console.Out.WriteLineAsync(string.Create(c, $"  personalize eval --dataset {summary.Concepts} --references {options.References} --negatives {summary.NegativesFolder}")).ConfigureAwait(false);
            await console.Out.WriteLineAsync(string.Create(c, $"  personalize eval --dataset {summary.Concepts} --references {options.References} --negatives {summary.NegativesFolder} --compare Encoders:Image=resnet18")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
