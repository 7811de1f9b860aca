using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Cli.Evaluation;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Models.Benchmarks;
using Personalization.Models.Detection;
using Personalization.Models.Encoders;
using Personalization.Models.Imaging;
using Personalization.Models.Onnx;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize bench</c>: throughput and latency of each stage on the same images, after warm-up: decode +
/// preprocess, detection, image embedding at several batch sizes, index search, the whole chain; optionally a
/// CLIP ViT-B/32-shaped encoder with the pipeline's overhead; and the peak working set. With <c>--local</c>, instead,
/// the local-feature stage as the owner's references grow (<see cref="BenchLocal"/>); with <c>--index</c>, the embedded
/// concept index as the owner's vectors grow (<see cref="BenchIndex"/>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var images = new Option<string?>("--images") { Description = "Folder of photos to time (default: the first 24 DreamBooth photos)." };
        var batches = new Option<int[]>("--batch") { Description = "Batch sizes to time (repeatable; default 1 4 8 16).", AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes over the images after one warm-up pass.", DefaultValueFactory = _ => 3 };
        var clip = new Option<string?>("--clip-model") { Description = "A CLIP image tower to time as well (e.g. made by shared/tools/make_clip_b32_random.py)." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var local = new Option<bool>("--local") { Description = "Instead: the local-feature (SIFT) stage as an owner's references grow, every reference matched against the shortlist (time, recall kept)." };
        var references = new Option<int[]>("--references") { Description = "With --local: owner sizes in references (repeatable; default 30 300 3000).", AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "With --local: query photos, a seeded choice.", DefaultValueFactory = _ => 40 };
        var index = new Option<int[]>("--index") { Description = "Instead: the embedded concept index at these owner sizes in reference vectors (repeatable; default 1000 10000 100000): enrol, cold load, search.", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("bench", "Measures each stage's throughput and latency (median, p95) at several batch sizes, and the peak memory.")
        {
            images, batches, rounds, clip, json, local, references, queries, index,
        };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetResult(index) is not null)
            {
                var owners = parse.GetValue(index) is { Length: > 0 } n ? n : [1000, 10000, 100000];
                return BenchIndex.RunAsync(parse, globals, console, owners, Math.Max(1, parse.GetValue(rounds)), parse.GetValue(json), ct);
            }

            if (parse.GetValue(local))
            {
                var owners = parse.GetValue(references) is { Length: > 0 } r ? r : [30, 300, 3000];
                return BenchLocal.RunAsync(parse, globals, console, owners, parse.GetValue(queries), parse.GetValue(json), ct);
            }

            // Recognition batches as large as the largest batch timed.
            var sizes = parse.GetValue(batches) is { Length: > 0 } b ? b : [1, 4, 8, 16];
            var overrides = new Dictionary<string, string?>
            {
                ["Recognition:ImageBatch"] = sizes.Max().ToString(CultureInfo.InvariantCulture),
            };
            return RunReportAsync(parse, globals, console, overrides, parse.GetValue(json), ct,
                (services, token) => RunAsync(services, PickImages(parse.GetValue(images)), sizes, Math.Max(1, parse.GetValue(rounds)), parse.GetValue(clip), console, token),
                Print);
        });
        return command;
    }

    /// <summary>
    /// Runs a benchmark over its own scratch data folder (user data stays out; deleted afterwards) and prints its report
    /// as a table or as JSON.
    /// </summary>
    internal static Task<int> RunReportAsync<TReport>(
        ParseResult parse, GlobalOptions globals, CliConsole console, Dictionary<string, string?> overrides, bool json, CancellationToken cancellationToken,
        Func<IServiceProvider, CancellationToken, Task<TReport>> measure, Action<TextWriter, TReport> print)
    {
        var scratch = Directory.CreateTempSubdirectory("personalize-bench-");
        overrides["LocalData:Directory"] = scratch.FullName;
        return CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            try
            {
                var report = await measure(services, token).ConfigureAwait(false);
                if (json)
                {
                    await JsonOutput.PrintAsync(console.Out, report).ConfigureAwait(false);
                }
                else
                {
                    print(console.Out, report);
                }

                return ExitCodes.Success;
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }, cancellationToken, overrides);
    }

    private static List<string> PickImages(string? folder)
    {
        if (folder is not null)
        {
            var chosen = ImageFiles.Expand([folder]).Select(s => s.Id).ToList();
            return chosen.Count > 0 ? chosen : throw new DirectoryNotFoundException($"no images in '{folder}'");
        }

        var dreambooth = CliHost.DefaultDataset();
        return Directory.Exists(dreambooth)
            ? [.. ImageFiles.Expand([dreambooth]).Select(s => s.Id).Where((_, i) => i % 6 == 1).Take(24)]
            : throw new DirectoryNotFoundException($"no --images given and '{dreambooth}' does not exist");
    }

    private static async Task<BenchReport> RunAsync(IServiceProvider services, List<string> files, int[] sizes, int rounds, string? clipModel, CliConsole console, CancellationToken token)
    {
        var stats = new List<StageStats>();
        var sessions = services.GetRequiredService<OnnxSessionFactory>();
        var decoder = services.GetRequiredService<SkiaImageDecoder>();
        await console.Error.WriteLineAsync($"timing perception on {files.Count} images…").ConfigureAwait(false);
        using (var perception = new PerceptionBenchmark(sessions, decoder, services.GetRequiredService<IOptions<DetectionOptions>>(), services.GetRequiredService<IOptions<EncoderOptions>>()))
        {
            stats.AddRange(await perception.RunAsync(files, sizes, rounds, token).ConfigureAwait(false));
        }

        await console.Error.WriteLineAsync("timing index search and the whole chain…").ConfigureAwait(false);
        stats.AddRange(await SearchAsync(services, rounds, token).ConfigureAwait(false));
        var usage = services.GetRequiredService<Core.Diagnostics.ReasoningUsage>();
        usage.Reset();
        stats.AddRange(await ChainAsync(services, files, sizes, token).ConfigureAwait(false));
        var reasoning = usage.Snapshot() is { Count: > 0 } spent ? ReasoningFigures.From(spent) : null;

        if (clipModel is not null)
        {
            await console.Error.WriteLineAsync($"timing {clipModel}…").ConfigureAwait(false);
            stats.AddRange(await ClipBenchmark.RunAsync(sessions, decoder, Path.GetFullPath(clipModel), files, [1, Math.Max(8, sizes.Max())], rounds, token).ConfigureAwait(false));
        }

        var clipOverhead = ClipOverhead(stats);
        return new BenchReport(
            Environment.ProcessorCount,
            Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            files.Count,
            stats,
            Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024), 0),
            clipOverhead,
            reasoning);
    }

    /// <summary>Exact search over an owner's region and description vectors at two index sizes.</summary>
    private static async Task<IEnumerable<StageStats>> SearchAsync(IServiceProvider services, int rounds, CancellationToken token)
    {
        var index = services.GetRequiredService<IConceptIndex>();
        var random = new Random(42);
        var result = new List<StageStats>();
        foreach (var size in new[] { 30, 1000 })
        {
            var owner = OwnerId.Parse($"bench-{size}");
            var concepts = Enumerable.Range(0, size).Select(i => SyntheticConcept(owner, i, random)).ToList();
            await index.UpsertAsync(concepts, token).ConfigureAwait(false);

            // Steady state: right after a write the index re-checks the file now and then (see EmbeddedConceptIndex).
            await Task.Delay(TimeSpan.FromSeconds(2.1), token).ConfigureAwait(false);
            var queries = Enumerable.Range(0, 5).SelectMany(_ => new[]
            {
                new VectorQuery(UnitVector(MobileNetV2Encoder.FeatureDimension, random), VectorField.ReferenceImage, 10),
                new VectorQuery(UnitVector(384, random), VectorField.DescriptionText, 10),
            }).ToList();
            var calls = new List<TimeSpan>();
            for (var i = 0; i <= rounds * 20; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await index.SearchAsync(owner, queries, token).ConfigureAwait(false);
                if (i > 0)
                {
                    calls.Add(Stopwatch.GetElapsedTime(t));
                }
            }

            result.Add(StageStats.From($"index search ({size} concepts × 5 regions)", 1, "query image", calls, 1));
        }

        return result;
    }

    /// <summary>The whole chain through the recognition service: analysis (decode, detect, embed) then the chain, per image.</summary>
    private static async Task<IEnumerable<StageStats>> ChainAsync(IServiceProvider services, List<string> files, int[] sizes, CancellationToken token)
    {
        var owner = OwnerId.Parse("bench");
        var enrolment = services.GetRequiredService<Core.Enrollment.EnrollmentService>();
        foreach (var (file, i) in files.Take(8).Select((f, i) => (f, i)))
        {
            await enrolment.EnrollAsync(new Core.Enrollment.EnrollmentRequest(owner, ConceptName.Parse($"c{i}"), "object", null, [], [ImageSource.FromFile(file)]), token).ConfigureAwait(false);
        }

        var recognition = services.GetRequiredService<RecognitionService>();
        var result = new List<StageStats>();
        await recognition.RecognizeAsync(owner, [ImageSource.FromFile(files[0])], null, token).ConfigureAwait(false);
        foreach (var batch in sizes)
        {
            var calls = new List<TimeSpan>();
            for (var start = 0; start + batch <= Math.Max(files.Count, batch); start += batch)
            {
                var chunk = Enumerable.Range(start, batch).Select(i => ImageSource.FromFile(files[i % files.Count])).ToList();
                var t = Stopwatch.GetTimestamp();
                await recognition.RecognizeAsync(owner, chunk, null, token).ConfigureAwait(false);
                calls.Add(Stopwatch.GetElapsedTime(t));
            }

            result.Add(StageStats.From("whole chain", batch, "image", calls, batch));
        }

        return result;
    }

    private static double? ClipOverhead(List<StageStats> stats)
    {
        var piped = stats.Where(s => s.Stage == "clip-b32 (pipeline)").MaxBy(s => s.Batch);
        var raw = stats.Where(s => s.Stage == "clip-b32 (model alone)").MaxBy(s => s.Batch);
        return piped is null || raw is null || raw.MedianMs == 0 ? null : Math.Round(100 * (piped.MedianMs - raw.MedianMs) / raw.MedianMs, 1);
    }

    private static Concept SyntheticConcept(OwnerId owner, int i, Random random) => new(
        owner,
        ConceptName.Parse($"c{i}"),
        "object",
        "a synthetic concept",
        null,
        [],
        [],
        [new ConceptReference($"h{i}", "x.jpg", 640, 480, [.. Enumerable.Range(0, 5).Select(_ => new ReferenceRegion(new BoundingBox(0, 0, 1, 1), "image", null, UnitVector(MobileNetV2Encoder.FeatureDimension, random), UnitVector(384, random)))])],
        UnitVector(384, random),
        "bench",
        DateTimeOffset.UnixEpoch);

    private static float[] UnitVector(int dimension, Random random)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Vectors.Normalize(v);
        return v;
    }

    private static void Print(TextWriter writer, BenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"machine: {report.Cores} cores, {report.MemoryGiB} GiB, {report.Os}; {report.Images} images"));
        writer.WriteLine($"{"stage",-42}{"batch",6} {"unit",-12}{"median ms",10}{"p95 ms",10}{"per s",10}");
        foreach (var s in report.Stages)
        {
            writer.WriteLine(string.Create(c, $"{s.Stage,-42}{s.Batch,6} {s.Unit,-12}{s.MedianMs,10:F2}{s.P95Ms,10:F2}{s.PerSecond,10:F1}"));
        }

        writer.WriteLine(string.Create(c, $"peak working set: {report.PeakWorkingSetMiB:F0} MiB"));
        if (report.Reasoning is { } reasoning)
        {
            writer.WriteLine($"whole-chain runs, {ReasoningFigures.Line(reasoning)}");
        }

        if (report.ClipOverheadPercent is { } o)
        {
            writer.WriteLine(string.Create(c, $"CLIP embedding through the pipeline vs the model alone (largest batch): {o:+0.0;-0.0} % overhead"));
        }
    }
}

internal sealed record BenchReport(
    int Cores,
    double MemoryGiB,
    string Os,
    int Images,
    IReadOnlyList<StageStats> Stages,
    double PeakWorkingSetMiB,
    double? ClipOverheadPercent,
    IReadOnlyDictionary<string, ReasoningFigures>? Reasoning = null);
