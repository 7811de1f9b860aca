using System.Diagnostics;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Local.Index;
using Personalization.Models.Benchmarks;

namespace Personalization.Cli.Evaluation;

/// <summary>
/// Measures the local-feature stage of retrieval at one owner size: each query matched against every reference
/// (exhaustive), then retrieved by <see cref="CandidateRetriever"/> itself, whose shortlist is watched through a
/// <see cref="RecordingLocalMatcher"/>. Recall and false matches are counted on raw inliers (before
/// <see cref="RecognitionOptions.LocalExclusive"/>), the same on both sides. Queries run one at a time (the matcher
/// itself uses every core).
/// </summary>
internal sealed class LocalStageBenchmark(ILocalFeatureMatcher matcher, RecognitionOptions options)
{
    public async Task<LocalStageRow> RunAsync(LocalStageOwner owner, int references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var concepts = owner.WithReferences(references);
        var subjects = owner.Subjects.Select(s => s.Name).ToHashSet();
        var position = concepts.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var recorder = new RecordingLocalMatcher(matcher);
        var retriever = new CandidateRetriever(new MemoryConceptIndex(concepts), recorder, Options.Create(options));

        // Every reference with features the matcher compares, and whose concept it is (as the retriever gathers them).
        var features = new List<LocalFeatures>();
        var conceptOf = new Dictionary<LocalFeatures, int>(ReferenceEqualityComparer.Instance);
        for (var c = 0; c < concepts.Count; c++)
        {
            foreach (var local in concepts[c].References.Select(r => r.Local).OfType<LocalFeatures>().Where(l => l.Kind == matcher.Kind))
            {
                features.Add(local);
                conceptOf[local] = c;
            }
        }

        // Warm-up: the first matches and retrieval pay for JIT and OpenCV's first calls.
        var first = owner.Queries[0].Analysis;
        matcher.Match(first.Local!, [.. features.Take(8)], cancellationToken);
        await RetrieveAsync(retriever, owner.Owner, first, concepts, cancellationToken).ConfigureAwait(false);

        var exhaustive = new List<TimeSpan>();
        var shortlist = new List<TimeSpan>();
        var global = new List<TimeSpan>();
        var shortlistPairs = new List<double>();
        var distractorInliers = new List<double>();
        int found = 0, kept = 0, falseLocal = 0, top1 = 0;
        foreach (var query in owner.Queries)
        {
            var truth = position[query.Truth];
            var start = Stopwatch.GetTimestamp();
            var all = matcher.Match(query.Analysis.Local!, features, cancellationToken);
            exhaustive.Add(Stopwatch.GetElapsedTime(start));
            var everyInliers = BestPerConcept(concepts.Count, features, all, conceptOf);

            recorder.Reset();
            start = Stopwatch.GetTimestamp();
            var candidates = await RetrieveAsync(retriever, owner.Owner, query.Analysis, concepts, cancellationToken).ConfigureAwait(false);
            var retrieval = Stopwatch.GetElapsedTime(start);
            shortlist.Add(recorder.Elapsed);
            global.Add(retrieval - recorder.Elapsed);
            shortlistPairs.Add(recorder.References.Count);
            var shortInliers = BestPerConcept(concepts.Count, recorder.References, recorder.Matches, conceptOf);

            if (everyInliers[truth] > options.LocalMinInliers)
            {
                found++;
                kept += shortInliers[truth] > options.LocalMinInliers ? 1 : 0;
            }

            var best = Array.IndexOf(everyInliers, everyInliers.Max());
            distractorInliers.Add(Enumerable.Range(0, concepts.Count).Where(c => !subjects.Contains(concepts[c].Name)).Select(c => everyInliers[c]).DefaultIfEmpty(0).Max());
            falseLocal += everyInliers[best] > options.LocalMinInliers && !subjects.Contains(concepts[best].Name) ? 1 : 0;
            top1 += candidates.Count > 0 && candidates[0].Concept.Equals(query.Truth) ? 1 : 0;
        }

        var n = owner.Queries.Count;
        var e = StageStats.From("exhaustive", 1, "query", exhaustive, 1);
        var s = StageStats.From("shortlist", 1, "query", shortlist, 1);
        var g = StageStats.From("global", 1, "query", global, 1);
        return new LocalStageRow(
            references, n, features.Count, StageStats.Median(shortlistPairs),
            e.MedianMs, e.P95Ms, s.MedianMs, s.P95Ms, g.MedianMs, g.P95Ms,
            found, kept, found > 0 ? Math.Round(kept / (double)found, 3) : null,
            Math.Round(falseLocal / (double)n, 3), references > owner.Subjects.Count ? StageStats.Median(distractorInliers) : null, Math.Round(top1 / (double)n, 3));
    }

    private Task<IReadOnlyList<Candidate>> RetrieveAsync(CandidateRetriever retriever, OwnerId owner, ImageAnalysis query, IReadOnlyList<Concept> concepts, CancellationToken cancellationToken) =>
        retriever.RetrieveAsync(owner, query, options.TopK, options.HitsPerRegion, (float)options.TextWeight, cancellationToken, concepts);

    /// <summary>The best inlier count of each concept over the references that were matched (0 for the others).</summary>
    private static int[] BestPerConcept(int concepts, IReadOnlyList<LocalFeatures> matched, IReadOnlyList<LocalMatch> matches, Dictionary<LocalFeatures, int> conceptOf)
    {
        var best = new int[concepts];
        for (var i = 0; i < matched.Count; i++)
        {
            var c = conceptOf[matched[i]];
            best[c] = Math.Max(best[c], matches[i].Inliers);
        }

        return best;
    }
}
