using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Local.Index;
using Personalization.Local.Storage;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize bench --index</c>: the embedded concept index as an owner grows to N reference vectors (1280-d, unit
/// length, seeded): enrolling one more concept, loading the owner cold (time, managed heap and working-set growth, and the working set once searched),
/// the first query after another writer enrolled, one photo's retrieval (5 regions × 2 fields), top-10 for one vector
/// and one description search, the last two beside a raw scan of the same vectors laid out contiguously; the photo and
/// the single vector again through the float scan alone, and the default scan's recall@10 against it. Each index
/// instance is a separate reader or writer, as another process would be; the owner lives in a scratch folder.
/// </summary>
internal static class BenchIndex
{
    private const int Seed = 13;
    private const int ImageDimension = 1280;
    private const int TextDimension = 384;
    private const int ReferencesPerConcept = 3;
    private const int RegionsPerReference = 5;
    private const int RegionsPerPhoto = 5;
    private const int Top = 10;

    public static Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CliConsole console, int[] sizes, int rounds, bool json, CancellationToken cancellationToken)
    {
        if (sizes.Length == 0 || sizes.Any(s => s < 1) || rounds < 1)
        {
            console.Error.WriteLine("error: --index needs positive vector counts and --rounds a positive count");
            return Task.FromResult(ExitCodes.Fatal);
        }

        return BenchCommand.RunReportAsync(parse, globals, console, [], json, cancellationToken, async (services, token) =>
        {
            var options = services.GetRequiredService<IOptions<LocalDataOptions>>();
            var rows = new List<IndexBenchRow>();
            foreach (var size in sizes.Distinct().Order())
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"building an owner of {size} vectors…")).ConfigureAwait(false);
                rows.Add(await MeasureAsync(options, size, rounds, token).ConfigureAwait(false));
            }

            return new IndexBenchReport(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription, ImageDimension, rows);
        }, Print);
    }

    private static async Task<IndexBenchRow> MeasureAsync(IOptions<LocalDataOptions> options, int size, int rounds, CancellationToken token)
    {
        var random = new Random(Seed + size);
        var owner = OwnerId.Parse($"bench-{size}");
        var concepts = Concepts(owner, size, random);
        var enrol = new List<TimeSpan>();
        var enrolCpu = new List<TimeSpan>();
        using (var writer = new EmbeddedConceptIndex(options))
        {
            await writer.UpsertAsync(concepts, token).ConfigureAwait(false);
            for (var i = 0; i < rounds; i++)
            {
                var extra = Concept(owner, $"extra{i}", ReferencesPerConcept * RegionsPerReference, random);
                var (t, cpu) = (Stopwatch.GetTimestamp(), CpuTime());
                await writer.UpsertAsync([extra], token).ConfigureAwait(false);
                enrol.Add(Stopwatch.GetElapsedTime(t));
                enrolCpu.Add(CpuTime() - cpu);
            }
        }

        // Past the index's racy window, so a cold reader trusts what it loads.
        await Task.Delay(TimeSpan.FromSeconds(2.1), token).ConfigureAwait(false);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = WorkingSet();
        using var reader = new EmbeddedConceptIndex(options);
        var (started, startedCpu) = (Stopwatch.GetTimestamp(), CpuTime());
        var loaded = await reader.ListAsync(owner, token).ConfigureAwait(false);
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var loadCpuMs = (CpuTime() - startedCpu).TotalMilliseconds;
        var heapMiB = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1024.0 * 1024);
        var rssMiB = (WorkingSet() - rssBefore) / (1024.0 * 1024);
        var vectors = loaded.Sum(c => c.AllRegions.Count());

        var photo = Enumerable.Range(0, RegionsPerPhoto).SelectMany(_ => new[]
        {
            new VectorQuery(UnitVector(ImageDimension, random), VectorField.ReferenceImage, Top),
            new VectorQuery(UnitVector(TextDimension, random), VectorField.DescriptionText, Top),
        }).ToList();
        var iterations = Math.Max(5, rounds * 10);

        // The first search starts the int8 copy of the rows in the background (where the owner is large enough to be scanned
        // through one) and is answered by the float scan; the timings below wait for the copy.
        var first = Stopwatch.GetTimestamp();
        await reader.SearchAsync(owner, photo, token).ConfigureAwait(false);
        var firstSearchMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        await reader.PrepareAsync(owner, token).ConfigureAwait(false);
        var preparedMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;

        // What the reader holds once searched: the pages of the mapped segment the scan touched and the int8 copy, too.
        var searchedRssMiB = (WorkingSet() - rssBefore) / (1024.0 * 1024);
        var photoTimes = await TimeAsync(() => reader.SearchAsync(owner, photo, token), iterations).ConfigureAwait(false);
        var one = new List<VectorQuery> { photo[0] };
        var topTimes = await TimeAsync(() => reader.SearchAsync(owner, one, token), iterations).ConfigureAwait(false);
        var description = new List<VectorQuery> { photo[1] };
        var descriptionTimes = await TimeAsync(() => reader.SearchAsync(owner, description, token), iterations).ConfigureAwait(false);

        // The same searches through the float scan alone, and how many of its top 10 the default scan returned: the photo's
        // queries and 20 queries near a stored vector (one of its regions plus noise), as a real query is.
        using var exact = new EmbeddedConceptIndex(Options.Create(new LocalDataOptions { Directory = options.Value.Directory, QuantizedScan = false }));
        var exactPhotoTimes = await TimeAsync(() => exact.SearchAsync(owner, photo, token), iterations).ConfigureAwait(false);
        var exactTopTimes = await TimeAsync(() => exact.SearchAsync(owner, one, token), iterations).ConfigureAwait(false);
        List<VectorQuery> probes = [.. photo.Where(q => q.Field == VectorField.ReferenceImage), .. Enumerable.Range(0, 20).Select(_ => new VectorQuery(Near(loaded[random.Next(loaded.Count)].AllRegions.First().ImageVector.ToArray(), random), VectorField.ReferenceImage, Top))];
        var (recall, identical) = Compare(await exact.SearchAsync(owner, probes, token).ConfigureAwait(false), await reader.SearchAsync(owner, probes, token).ConfigureAwait(false));
        var rawTop = RawScan([.. loaded.SelectMany(c => c.AllRegions).Select(r => r.ImageVector)], photo[0].Vector, iterations);
        var rawDescription = RawScan([.. loaded.Select(c => c.DescriptionVector)], photo[1].Vector, iterations);

        // Another process enrols; this reader's next query must see it.
        using (var other = new EmbeddedConceptIndex(options))
        {
            await other.UpsertAsync([Concept(owner, "late", ReferencesPerConcept * RegionsPerReference, random)], token).ConfigureAwait(false);
        }

        var after = Stopwatch.GetTimestamp();
        var hits = await reader.SearchAsync(owner, photo, token).ConfigureAwait(false);
        var afterMs = Stopwatch.GetElapsedTime(after).TotalMilliseconds;
        if ((await reader.ListAsync(owner, token).ConfigureAwait(false)).All(c => c.Name.Value != "late") || hits.Count != photo.Count)
        {
            throw new InvalidOperationException("the reader did not see the other writer's concept");
        }

        return new IndexBenchRow(
            size,
            vectors,
            loaded.Count,
            Round(Median(enrol)),
            Round(Median(enrolCpu)),
            Round(loadMs),
            Round(loadCpuMs),
            Round(heapMiB),
            Round(rssMiB),
            Round(searchedRssMiB),
            Round(vectors * (double)ImageDimension * sizeof(float) / (1024 * 1024)),
            Round(afterMs),
            Round(Median(photoTimes)),
            Round(P95(photoTimes)),
            Round(Median(topTimes)),
            Round(rawTop),
            Round(Median(descriptionTimes)),
            Round(rawDescription),
            Round(firstSearchMs),
            Round(preparedMs),
            Round(Median(exactPhotoTimes)),
            Round(Median(exactTopTimes)),
            Math.Round(recall, 4),
            identical);
    }

    /// <summary>The share of the exact hits (concept, region) found, and whether every query's hits are the same, in order, with the same scores.</summary>
    private static (double Recall, bool Identical) Compare(IReadOnlyList<IReadOnlyList<VectorHit>> exact, IReadOnlyList<IReadOnlyList<VectorHit>> found)
    {
        var (hit, total, identical) = (0, 0, exact.Count == found.Count);
        for (var q = 0; q < exact.Count; q++)
        {
            var got = found[q].Select(h => (h.Concept, h.RegionIndex)).ToHashSet();
            hit += exact[q].Count(h => got.Contains((h.Concept, h.RegionIndex)));
            total += exact[q].Count;
            identical &= exact[q].SequenceEqual(found[q]);
        }

        return (total == 0 ? 1 : hit / (double)total, identical);
    }

    /// <summary>A unit vector near <paramref name="vector"/>: cosine about 0.7 to it.</summary>
    private static float[] Near(float[] vector, Random random)
    {
        var noise = UnitVector(vector.Length, random);
        var v = new float[vector.Length];
        TensorPrimitives.Add(vector, noise, v);
        Personalization.Models.Encoders.Vectors.Normalize(v);
        return v;
    }

    /// <summary>Concepts of 3 references × 5 regions each (the last one takes what is left) until there are <paramref name="size"/> region vectors.</summary>
    private static List<Concept> Concepts(OwnerId owner, int size, Random random)
    {
        var perConcept = ReferencesPerConcept * RegionsPerReference;
        var list = new List<Concept>((size / perConcept) + 1);
        for (var left = size; left > 0; left -= perConcept)
        {
            list.Add(Concept(owner, $"c{list.Count}", Math.Min(left, perConcept), random));
        }

        return list;
    }

    private static Concept Concept(OwnerId owner, string name, int regions, Random random)
    {
        var references = new List<ConceptReference>();
        for (var r = 0; r * RegionsPerReference < regions; r++)
        {
            var count = Math.Min(RegionsPerReference, regions - (r * RegionsPerReference));
            references.Add(new ConceptReference(
                $"{name}h{r}",
                "x.jpg",
                640,
                480,
                [.. Enumerable.Range(0, count).Select(_ => new ReferenceRegion(new BoundingBox(0, 0, 1, 1), "image", null, UnitVector(ImageDimension, random), UnitVector(TextDimension, random)))]));
        }

        return new Concept(owner, ConceptName.Parse(name), "object", "a synthetic concept", null, [], [], references, UnitVector(TextDimension, random), "bench", DateTimeOffset.UnixEpoch);
    }

    private static float[] UnitVector(int dimension, Random random)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Personalization.Models.Encoders.Vectors.Normalize(v);
        return v;
    }

    private static async Task<List<TimeSpan>> TimeAsync<T>(Func<Task<T>> call, int iterations)
    {
        await call().ConfigureAwait(false);
        var times = new List<TimeSpan>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await call().ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(t));
        }

        return times;
    }

    /// <summary>The floor: one query against the same vectors in one contiguous array, best score kept; median ms.</summary>
    private static double RawScan(List<ReadOnlyMemory<float>> vectors, float[] query, int iterations)
    {
        var d = query.Length;
        var rows = new float[vectors.Count * d];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].Span.CopyTo(rows.AsSpan(i * d));
        }

        var times = new List<TimeSpan>(iterations);
        var best = float.MinValue;
        for (var round = 0; round <= iterations; round++)
        {
            var t = Stopwatch.GetTimestamp();
            for (var i = 0; i < vectors.Count; i++)
            {
                best = Math.Max(best, TensorPrimitives.Dot(query, rows.AsSpan(i * d, d)));
            }

            if (round > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(t));
            }
        }

        GC.KeepAlive(best);
        return Median(times);
    }

    /// <summary>The process's CPU time, all threads: beside wall time it shows the work done when other processes share the cores.</summary>
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static double Median(List<TimeSpan> times) => Percentile(times, 0.5);

    private static double P95(List<TimeSpan> times) => Percentile(times, 0.95);

    private static double Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];
    }

    private static double Round(double value) => Math.Round(value, 2);

    private static void Print(TextWriter writer, IndexBenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"embedded concept index: {report.Dimension}-d reference vectors, 3 references × 5 regions per concept; {report.Cores} cores, {report.Os}"));
        writer.WriteLine($"{"vectors",8}{"concepts",9}{"enrol ms",10}{"cpu",7}{"load ms",10}{"cpu",7}{"heap MiB",10}{"rss MiB",9}{"+search",9}{"raw MiB",9}{"1st q ms",10}{"photo ms",10}{"p95",8}{"top10 ms",10}{"raw",7}{"descr ms",10}{"raw",7}{"search0",9}{"int8",7}{"f32 photo",10}{"f32 top10",10}{"recall@10",10}{"same",6}");
        foreach (var r in report.Rows)
        {
            writer.WriteLine(string.Create(c,
                $"{r.Size,8}{r.Concepts,9}{r.EnrolMs,10:F1}{r.EnrolCpuMs,7:F0}{r.LoadMs,10:F0}{r.LoadCpuMs,7:F0}{r.LoadHeapMiB,10:F0}{r.LoadWorkingSetMiB,9:F0}{r.SearchedWorkingSetMiB,9:F0}{r.RawMiB,9:F0}{r.FirstQueryAfterWriteMs,10:F1}{r.PhotoMs,10:F2}{r.PhotoP95Ms,8:F2}{r.Top10Ms,10:F2}{r.Top10RawMs,7:F2}{r.DescriptionMs,10:F2}{r.DescriptionRawMs,7:F2}{r.FirstSearchMs,9:F0}{r.PreparedMs,7:F0}{r.Float32PhotoMs,10:F2}{r.Float32Top10Ms,10:F2}{r.Recall10,10:F3}{(r.Identical ? "yes" : "NO"),6}"));
        }

        writer.WriteLine("enrol: one more concept (15 vectors), median; load: a cold reader's first read, with the managed heap and working set it added;");
        writer.WriteLine("cpu: the process's CPU ms (all threads) for the enrol (median) and the load, which wall time hides when other processes share the cores;");
        writer.WriteLine("+search: the working set the reader added by the time its int8 copy was made (the mapped vectors' pages it touched, and that copy);");
        writer.WriteLine("raw MiB: the reference vectors' float32 bytes; 1st q: one photo's search right after another writer enrolled;");
        writer.WriteLine("photo: 5 regions × (image + description) top-10 searches in one call (median, p95); top10 / descr: one query; raw: the same scan over one contiguous array;");
        writer.WriteLine("search0: the cold reader's first search (float scan; it starts the int8 copy, from 1024 rows); int8: until that copy was made, from the same start;");
        writer.WriteLine("f32: the same searches with LocalData:QuantizedScan=false;");
        writer.WriteLine("recall@10: the float scan's top 10 found by the default scan (the photo's 5 image queries and 20 near a stored vector); same: identical hits, order and scores.");
    }
}

internal sealed record IndexBenchReport(int Cores, string Os, int Dimension, IReadOnlyList<IndexBenchRow> Rows);

/// <param name="Size">The owner's vectors as built; <paramref name="Vectors"/> counts the concepts enrolled while timing too.</param>
internal sealed record IndexBenchRow(
    int Size,
    int Vectors,
    int Concepts,
    double EnrolMs,
    double EnrolCpuMs,
    double LoadMs,
    double LoadCpuMs,
    double LoadHeapMiB,
    double LoadWorkingSetMiB,
    double SearchedWorkingSetMiB,
    double RawMiB,
    double FirstQueryAfterWriteMs,
    double PhotoMs,
    double PhotoP95Ms,
    double Top10Ms,
    double Top10RawMs,
    double DescriptionMs,
    double DescriptionRawMs,
    double FirstSearchMs,
    double PreparedMs,
    double Float32PhotoMs,
    double Float32Top10Ms,
    double Recall10,
    bool Identical);
