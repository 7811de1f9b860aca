using System.Diagnostics;
using Personalization.Cli.Datasets;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;
using Personalization.Local.Index;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// Builds <see cref="LocalStageOwner"/> through the product's own enrolment (<see cref="EnrollmentService"/> over an
/// in-memory index, so the analysis, the chosen object region, its region vectors and its local features are the ones
/// a real enrolment makes) and the product's analysis of query photos. The subjects are enrolled from their first photo
/// (by name); the queries are a seeded choice among their other photos. Distractors are crops of the everyday photos
/// and of the photos of subjects that no query shows, so a distractor never shows a queried subject.
/// </summary>
internal sealed class LocalStageOwnerBuilder(IImageAnalyzer analyzer, ITextEncoder textEncoder, IReasoner reasoner, TextWriter progress)
{
    private const int QueryBatch = 8;
    private static readonly OwnerId Owner = OwnerId.Parse("bench-local");

    public async Task<LocalStageOwner> BuildAsync(string dreambooth, string? everydayPhotos, int references, int queries, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
        var dataset = LabelledDataset.Load(dreambooth, 1);
        if (dataset.Concepts.Count == 0)
        {
            throw new InvalidDataException($"no subjects in '{dreambooth}'");
        }

        if (references < dataset.Concepts.Count)
        {
            throw new InvalidDataException($"every owner holds the {dataset.Concepts.Count} subjects: --references must be at least {dataset.Concepts.Count}");
        }

        var random = new Random(seed);
        var chosen = dataset.Queries.OrderBy(q => q.Path, StringComparer.Ordinal).ToArray();
        random.Shuffle(chosen);
        var picked = chosen.Take(queries).OrderBy(q => q.Path, StringComparer.Ordinal).ToList();
        var queried = picked.Select(q => q.Truth).ToHashSet(StringComparer.Ordinal);
        var sources = (everydayPhotos is not null && Directory.Exists(everydayPhotos) ? ImageFilesIn(everydayPhotos) : [])
            .Concat(dataset.Concepts.Where(c => !queried.Contains(c.Name.Value)).SelectMany(c => c.Queries))
            .ToList();

        var index = new MemoryConceptIndex();
        var enrolment = new EnrollmentService(analyzer, textEncoder, reasoner, index, TimeProvider.System);
        await progress.WriteLineAsync($"enrolling {dataset.Concepts.Count} subjects…").ConfigureAwait(false);
        var subjects = new List<Concept>();
        foreach (var subject in dataset.Concepts)
        {
            var request = new EnrollmentRequest(Owner, subject.Name, subject.Category, null, [], [ImageSource.FromFile(subject.References[0])]);
            var outcome = await enrolment.EnrollAsync(request, cancellationToken).ConfigureAwait(false);
            subjects.Add(outcome.Concept ?? throw new InvalidDataException($"cannot enrol {subject.Name}: {string.Join("; ", outcome.Failures.Select(f => f.Error))}"));
        }

        var distractors = await EnrolDistractorsAsync(enrolment, sources, references - subjects.Count, seed, cancellationToken).ConfigureAwait(false);
        var analysed = await AnalyseQueriesAsync(picked, cancellationToken).ConfigureAwait(false);
        if (analysed.Count == 0)
        {
            throw new InvalidDataException("no query photo could be analysed with local features");
        }

        return new LocalStageOwner(Owner, subjects, distractors, analysed, sources.Count);
    }

    private static List<string> ImageFilesIn(string folder) =>
        [.. Commands.ImageFiles.Expand([folder]).Select(s => s.Id)];

    private async Task<List<Concept>> EnrolDistractorsAsync(EnrollmentService enrolment, List<string> sources, int count, int seed, CancellationToken cancellationToken)
    {
        var distractors = new List<Concept>(count);
        if (count == 0)
        {
            return distractors;
        }

        if (sources.Count == 0)
        {
            throw new InvalidDataException("no photos to cut distractors from: every subject has a query and there are no everyday photos");
        }

        await progress.WriteLineAsync($"enrolling {count} distractors cut from {sources.Count} photos…").ConfigureAwait(false);
        using var crops = new DistractorCrops(sources, seed);
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };

        // One enrolment is mostly one core's work: enrol as many at once as there are cores. A crop the analysis rejects
        // (too small, say) is replaced by the next ones; distractors keep the order of their crops.
        for (var next = 0; distractors.Count < count; )
        {
            if (next >= 2 * count)
            {
                throw new InvalidDataException($"only {distractors.Count} of {count} distractor crops could be enrolled");
            }

            var round = new Concept?[count - distractors.Count];
            var first = next;
            await Parallel.ForEachAsync(Enumerable.Range(0, round.Length), parallel, async (i, token) =>
            {
                var k = first + i;
                var (id, bytes) = crops.Make(k);
                var request = new EnrollmentRequest(Owner, ConceptName.Parse($"distractor-{k:D5}"), "object", null, [], [ImageSource.FromBytes(id, bytes)]);
                round[i] = (await enrolment.EnrollAsync(request, token).ConfigureAwait(false)).Concept;
                if (Interlocked.Increment(ref done) % 250 == 0)
                {
                    lock (progress)
                    {
                        progress.WriteLine($"  {done}/{count} distractors ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s)");
                    }
                }
            }).ConfigureAwait(false);
            next += round.Length;
            distractors.AddRange(round.OfType<Concept>());
        }

        await progress.WriteLineAsync($"  {count} distractors in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s").ConfigureAwait(false);
        return distractors;
    }

    private async Task<List<LocalStageQuery>> AnalyseQueriesAsync(List<(string Path, string Truth)> picked, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"analysing {picked.Count} queries…").ConfigureAwait(false);
        var queries = new List<LocalStageQuery>(picked.Count);
        foreach (var batch in picked.Chunk(QueryBatch))
        {
            var inputs = new List<ImageInput>(batch.Length);
            foreach (var (path, _) in batch)
            {
                inputs.Add(new ImageInput(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
            }

            var results = await analyzer.AnalyzeAsync(inputs, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                if (results[i].Analysis is { Local: not null } analysis)
                {
                    queries.Add(new LocalStageQuery(batch[i].Path, ConceptName.Parse(batch[i].Truth), analysis));
                }
                else
                {
                    await progress.WriteLineAsync($"  skipped {batch[i].Path}: {results[i].Error ?? "no local features (LocalFeatures:Enabled=false?)"}").ConfigureAwait(false);
                }
            }
        }

        return queries;
    }
}
