using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Cli.Evaluation;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize bench --local</c>: the cost and the recall of the local-feature (SIFT) verification stage as an owner's
/// references grow: every reference matched (exhaustive) against the product's shortlist of the best concepts by global
/// score. The owner is the 30 DreamBooth subjects (first photo each) and distractor concepts cut from other photos.
/// </summary>
internal static class BenchLocal
{
    private const int Seed = 7;

    public static Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CliConsole console, int[] sizes, int queries, bool json, CancellationToken cancellationToken)
    {
        if (sizes.Length == 0 || sizes.Any(s => s < 1) || queries < 1)
        {
            console.Error.WriteLine("error: --references needs positive sizes and --queries a positive count");
            return Task.FromResult(ExitCodes.Fatal);
        }

        // Thousands of enrolments: the offline reasoner's fingerprint, never a paid model's.
        var overrides = new Dictionary<string, string?> { ["Reasoning:Provider"] = "offline" };
        return BenchCommand.RunReportAsync(parse, globals, console, overrides, json, cancellationToken, async (services, token) =>
        {
            var dreambooth = CliHost.DefaultDataset();
            if (!Directory.Exists(dreambooth))
            {
                throw new DirectoryNotFoundException($"the DreamBooth folder '{dreambooth}' does not exist");
            }

            var options = services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
            var builder = new LocalStageOwnerBuilder(
                services.GetRequiredService<IImageAnalyzer>(), services.GetRequiredService<ITextEncoder>(), services.GetRequiredService<IReasoner>(), console.Error);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var owner = await builder.BuildAsync(dreambooth, CliHost.DefaultImages(), sizes.Max(), queries, Seed, token).ConfigureAwait(false);
            var buildSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

            var benchmark = new LocalStageBenchmark(services.GetRequiredService<ILocalFeatureMatcher>(), options);
            var rows = new List<LocalStageRow>();
            foreach (var size in sizes.Distinct().Order())
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"matching {owner.Queries.Count} queries against {size} references…")).ConfigureAwait(false);
                rows.Add(await benchmark.RunAsync(owner, size, token).ConfigureAwait(false));
            }

            return new LocalStageReport(
                Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription, owner.Subjects.Count, owner.Queries.Count,
                owner.DistractorSources, options.LocalShortlist, options.LocalMinInliers, Math.Round(buildSeconds, 1), rows);
        }, Print);
    }

    private static void Print(TextWriter writer, LocalStageReport report)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c,
            $"local-feature stage: {report.Subjects} subjects (1 reference each) + distractors cut from {report.DistractorSources} photos; {report.Queries} queries; shortlist {report.Shortlist} concepts; verified = over {report.MinInliers} inliers; {report.Cores} cores; owner built in {report.BuildSeconds:F0} s"));
        writer.WriteLine(
            $"{"refs",6}{"pairs exh",10}{"pairs short",12}{"exh ms",9}{"exh p95",9}{"short ms",9}{"short p95",10}{"global ms",10}{"global p95",11}{"found",7}{"kept",6}{"recall kept",12}{"false local",12}{"distr inl",10}{"top-1",7}");
        foreach (var r in report.Rows)
        {
            var recall = r.RecallKept is { } k ? k.ToString("F3", c) : "n/a";
            var distractors = r.DistractorInliers is { } d ? d.ToString("F0", c) : "-";
            writer.WriteLine(string.Create(c,
                $"{r.References,6}{r.ExhaustivePairs,10:F0}{r.ShortlistPairs,12:F0}{r.ExhaustiveMedianMs,9:F1}{r.ExhaustiveP95Ms,9:F1}{r.ShortlistMedianMs,9:F1}{r.ShortlistP95Ms,10:F1}{r.GlobalMedianMs,10:F2}{r.GlobalP95Ms,11:F2}{r.Found,7}{r.Kept,6}{recall,12}{r.FalseLocalRate,12:F3}{distractors,10}{r.Top1,7:F3}"));
        }

        writer.WriteLine("pairs: reference matches per query (median); ms: per query (median, p95); global: retrieval without its local matching;");
        writer.WriteLine("found: queries whose true concept the exhaustive match verifies; kept: of those, verified by the shortlist too; false local: best exhaustive match a distractor;");
        writer.WriteLine("distr inl: the most inliers of any distractor (median); top-1: the product's first candidate is the true concept.");
    }
}
