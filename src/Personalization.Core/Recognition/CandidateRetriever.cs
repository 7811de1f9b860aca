using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Multimodal retrieval (R2P, with RAP's per-region search) with geometric verification: every query region is
/// searched against the owner's reference regions (image→image) and descriptions (image→text); the hits name the
/// candidate concepts, whose exact fused global score is s = max over query regions of
/// (1−w)·max over reference regions cos(fᵛ(q), fᵛᵢ) + w·cos(fᵗ(q), fᵗᵢ). The best of them by that score (a shortlist)
/// are then verified with local features against every reference of theirs, and the inliers add to the score
/// (<see cref="LocalEvidence"/>). Thread-safe.
/// </summary>
public sealed class CandidateRetriever(IConceptIndex index, ILocalFeatureMatcher? matcher = null, IOptions<RecognitionOptions>? options = null)
{
    private readonly RecognitionOptions _options = options?.Value ?? new RecognitionOptions();

    /// <param name="concepts">The owner's concepts when the caller already has them (the chain reads them once per
    /// run); null to read them from the index.</param>
    public async Task<IReadOnlyList<Candidate>> RetrieveAsync(
        OwnerId owner, ImageAnalysis query, int topK, int hitsPerRegion, float textWeight, CancellationToken cancellationToken = default, IReadOnlyList<Concept>? concepts = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queries = new List<VectorQuery>(query.Regions.Count * 2);
        foreach (var region in query.Regions)
        {
            queries.Add(new VectorQuery(region.ImageVector, VectorField.ReferenceImage, hitsPerRegion));
            queries.Add(new VectorQuery(region.TextVector, VectorField.DescriptionText, hitsPerRegion));
        }

        var hits = await index.SearchAsync(owner, queries, cancellationToken).ConfigureAwait(false);
        var named = new HashSet<ConceptName>(hits.SelectMany(h => h).Select(h => h.Concept));
        concepts ??= await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        var verifying = matcher is not null && _options.LocalWeight > 0 && query.Local is not null;

        // With local features every concept can be verified, even one no region's global search named.
        var pool = verifying ? concepts : [.. concepts.Where(c => named.Contains(c.Name))];
        if (pool.Count == 0)
        {
            return [];
        }

        var scored = ScoreAll(pool, concepts, query, textWeight);
        if (verifying)
        {
            scored = Verify(scored, concepts, query, cancellationToken);
        }

        var library = _options.CentredRanking && query.Regions.Count > 0 ? OwnerCentring.Library(concepts, query.Regions[0].ImageVector.Length) : null;
        if (library is null)
        {
            return [.. WithMargin(scored, (float)_options.MarginWeight, (float)_options.MarginFloor).Take(topK)];
        }

        // The pool is the whole library when every concept is verified; else the concepts the search named.
        var inPool = ReferenceEquals(pool, concepts) ? null : pool.Select(c => c.Name).ToHashSet();
        var centredPool = inPool is null ? library.Concepts : [.. library.Concepts.Where(c => inPool.Contains(c.Name))];
        var centred = ScoreAll(centredPool, library.Concepts, library.Centring.Centre(query), textWeight);
        var chosen = WithoutOutscorers(CentredFirst(scored, centred));
        return [.. WithMargin(chosen, (float)_options.MarginWeight, (float)_options.MarginFloor).Take(topK)];
    }

    private List<Candidate> ScoreAll(IReadOnlyList<Concept> pool, IReadOnlyList<Concept> concepts, ImageAnalysis query, float textWeight)
    {
        var rooms = _options.RoomRegions ? RoomSimilarities.Measure(query, concepts, (float)_options.OwnRoomOverlap) : null;
        return [.. pool.Select(c => Score(c, query, textWeight, (float)_options.ConfirmedPenalty, rooms?.Against(c), (float)_options.ObjectBoxTolerance, (float)_options.SmallRegionBonus))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Concept.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The candidates with the one that leads in the owner-centred space first (<see cref="RecognitionOptions.CentredRanking"/>):
    /// its centred score plus the local evidence it gained, the others after it by their own (raw) score. Every candidate
    /// keeps its raw score, which the thresholds judge; <see cref="Candidate.CentredScore"/> says why the first is first.
    /// </summary>
    /// <param name="scored">Raw scores, local evidence included, best first.</param>
    /// <param name="centred">The same concepts scored on centred vectors, without local evidence.</param>
    public static IReadOnlyList<Candidate> CentredFirst(IReadOnlyList<Candidate> scored, IReadOnlyList<Candidate> centred)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(centred);
        var byName = centred.Where(c => c.Score > -1).ToDictionary(c => c.Concept, c => c.Score);
        if (scored.Count == 0 || byName.Count == 0)
        {
            return scored;
        }

        var keyed = scored.Select(c => c with { CentredScore = byName.TryGetValue(c.Concept, out var s) ? s + (c.Score - (c.GlobalScore ?? c.Score)) : null }).ToList();
        var leader = keyed.Where(c => c.CentredScore is not null).OrderByDescending(c => c.CentredScore).ThenBy(c => c.Concept.Key, StringComparer.Ordinal).First();
        return [leader, .. keyed.Where(c => !ReferenceEquals(c, leader))];
    }

    /// <summary>
    /// The first candidate and those that do not outscore it: a concept the centred space ranked below the first is not
    /// offered to reasoning or pairwise comparison above it, and the first one's lead is measured over the rest (replayed,
    /// this beats measuring it against the dropped ones too: docs/thresholds.md, round 10). Best first again.
    /// </summary>
    public static IReadOnlyList<Candidate> WithoutOutscorers(IReadOnlyList<Candidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return ranked.Count == 0 ? ranked : [ranked[0], .. ranked.Skip(1).Where(c => c.Score <= ranked[0].Score)];
    }

    /// <summary>
    /// The best candidate gains γ·(s₁ − max(s₂, floor)) for its lead over the next concept (<see cref="RecognitionOptions.MarginWeight"/>);
    /// the others keep their scores, so the order does not change. <paramref name="ranked"/> is best first.
    /// </summary>
    public static IReadOnlyList<Candidate> WithMargin(IReadOnlyList<Candidate> ranked, float weight, float floor)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (weight <= 0 || ranked.Count == 0)
        {
            return ranked;
        }

        var lead = ranked[0].Score - Math.Max(ranked.Count > 1 ? ranked[1].Score : float.NegativeInfinity, floor);
        var top = ranked[0] with { Score = ranked[0].Score + (weight * lead), Margin = lead, GlobalScore = ranked[0].GlobalScore ?? ranked[0].Score };
        return [top, .. ranked.Skip(1)];
    }

    /// <summary>
    /// What a concept's score loses for the references it gained from confirmed results: each is a region cut from one of
    /// the user's own cluttered photos (small, often with some room), and each is one more chance for an unrelated photo
    /// to match the concept by chance. β·ln(1 + confirmed); nothing for references the user enrolled.
    /// </summary>
    public static float ConfirmedPenalty(Concept concept, float beta)
    {
        ArgumentNullException.ThrowIfNull(concept);
        if (beta <= 0)
        {
            return 0f;
        }

        var confirmed = concept.References.Count(FeedbackBounds.IsConfirmed);
        return confirmed == 0 ? 0f : beta * MathF.Log(1 + confirmed);
    }

    /// <summary>Local evidence in [0, 1] from an inlier count.</summary>
    public static float LocalEvidence(int inliers, int minInliers, int cap) =>
        cap <= minInliers ? (inliers > minInliers ? 1f : 0f) : Math.Clamp((inliers - minInliers) / (float)(cap - minInliers), 0f, 1f);

    private List<Candidate> Verify(List<Candidate> scored, IReadOnlyList<Concept> concepts, ImageAnalysis query, CancellationToken cancellationToken)
    {
        var shortlist = _options.LocalShortlist > 0 ? scored.Take(_options.LocalShortlist).ToList() : scored;
        var byName = concepts.ToDictionary(c => c.Name);
        var references = new List<(int Candidate, LocalFeatures Features, bool Negative)>();
        for (var i = 0; i < shortlist.Count; i++)
        {
            var concept = byName[shortlist[i].Concept];
            var positives = concept.References.Select(r => (Local: r.Local, Negative: false));
            var negatives = (concept.Negatives ?? []).Select(n => (Local: n.Local, Negative: true));
            foreach (var (local, negative) in positives.Concat(negatives))
            {
                if (local is not null && local.Kind == matcher!.Kind)
                {
                    references.Add((i, local, negative));
                }
            }
        }

        var matches = matcher!.Match(query.Local!, [.. references.Select(r => r.Features)], cancellationToken);
        if (_options.LocalExclusive)
        {
            matches = ExclusiveInliers.Apply(matches, [.. references.Select(r => r.Negative ? -1 : r.Candidate)], _options.LocalMinInliers);
        }

        if (_options.LocalRoomCheck)
        {
            matches = RoomInliers.Remove(matcher, query.Local!, matches, concepts, _options.LocalMinInliers, cancellationToken);
        }

        var best = new LocalMatch[shortlist.Count];
        var bestNegative = new int[shortlist.Count];
        for (var k = 0; k < references.Count; k++)
        {
            var i = references[k].Candidate;
            if (references[k].Negative)
            {
                bestNegative[i] = Math.Max(bestNegative[i], matches[k].Inliers);
            }
            else if (best[i] is null || matches[k].Inliers > best[i].Inliers)
            {
                best[i] = matches[k];
            }
        }

        // A query that matches a rejected region at least as well as the concept's references gets no local evidence.
        for (var i = 0; i < shortlist.Count; i++)
        {
            if (best[i] is { } m && bestNegative[i] > _options.LocalMinInliers && bestNegative[i] >= m.Inliers)
            {
                best[i] = LocalMatch.None;
            }
        }

        var verified = new List<Candidate>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var c = scored[i];
            if (i < shortlist.Count && best[i] is { } m)
            {
                var evidence = LocalEvidence(m.Inliers, _options.LocalMinInliers, _options.LocalInlierCap);
                var box = m.QueryBox is { } b ? Clip(b, query.Width, query.Height) : null;
                c = c with { Score = c.Score + ((float)_options.LocalWeight * evidence), Inliers = m.Inliers, MatchedBox = m.Inliers > _options.LocalMinInliers ? box : null, GlobalScore = c.Score };
            }

            verified.Add(c);
        }

        return [.. verified.OrderByDescending(c => c.Score).ThenBy(c => c.Concept.Key, StringComparer.Ordinal)];
    }

    private static BoundingBox? Clip(BoundingBox box, int width, int height)
    {
        var x0 = Math.Clamp(box.X, 0, width);
        var y0 = Math.Clamp(box.Y, 0, height);
        var x1 = Math.Clamp(box.X + box.Width, 0, width);
        var y1 = Math.Clamp(box.Y + box.Height, 0, height);
        return x1 - x0 < 1 || y1 - y0 < 1 ? null : new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The side of the image encoders' square input (MobileNetV2, ResNet18 and CLIP all take 224 px).</summary>
    public const float EncoderInputSide = 224f;

    /// <summary>
    /// What a region's image similarity gains for its size: <paramref name="perHalving"/> per halving of its short side (in
    /// decoded pixels: the box times <paramref name="pixelScale"/>) below <see cref="EncoderInputSide"/>, for at most two.
    /// A region that small is enlarged to the encoder's input and blurred, which lowers its cosine with every sharp reference
    /// alike; without the correction a small object scores under a threshold chosen on large ones.
    /// </summary>
    public static float SmallRegionBonus(BoundingBox box, double pixelScale, float perHalving)
    {
        var side = Math.Min(box.Width, box.Height) * (float)pixelScale;
        return perHalving <= 0 || side <= 0 || side >= EncoderInputSide ? 0f : perHalving * Math.Min(2f, MathF.Log2(EncoderInputSide / side));
    }

    /// <summary>A detection or a proposal: a box around an object, not a grid tile or the whole photo.</summary>
    private static bool IsObject(ImageRegion region) => region.Source is ImageRegion.DetectionSource or ImageRegion.ProposalSource;

    /// <summary>
    /// The exact fused score of one concept for one query. A query region that looks at least as much like one of the
    /// concept's hard negatives (regions the user rejected) as like its references does not count for it, nor does one that
    /// looks at least as much like a room of the owner's reference photos (<paramref name="roomSimilarity"/>, per query
    /// region: <see cref="RoomSimilarities.Against"/>).
    /// </summary>
    /// <param name="objectBoxTolerance">When the best region is a grid tile or the whole photo, the best object region (a
    /// detection or a proposal) scoring within this of it gives the box shown (<see cref="Candidate.BoxRegion"/>); negative:
    /// never.</param>
    /// <param name="smallRegionBonus">Per halving of a region's short side below the encoder's input (<see cref="SmallRegionBonus"/>).</param>
    public static Candidate Score(Concept concept, ImageAnalysis query, float textWeight, float confirmedPenalty = 0f, float[]? roomSimilarity = null, float objectBoxTolerance = -1f, float smallRegionBonus = 0f)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(query);
        var penalty = ConfirmedPenalty(concept, confirmedPenalty);
        var regions = concept.AllRegions.ToList();
        Candidate? best = null;
        (int Region, float Score)? bestObject = null;
        for (var q = 0; q < query.Regions.Count; q++)
        {
            var region = query.Regions[q];
            var image = -1f;
            var matched = -1;
            for (var r = 0; r < regions.Count; r++)
            {
                var s = TensorPrimitives.Dot(region.ImageVector, regions[r].ImageVector.Span);
                if (s > image)
                {
                    image = s;
                    matched = r;
                }
            }

            if (roomSimilarity is not null && roomSimilarity[q] >= image)
            {
                continue;
            }

            if (concept.Negatives is { Count: > 0 } negatives && negatives.Any(n => n.ImageVector.Length == region.ImageVector.Length && TensorPrimitives.Dot(region.ImageVector, n.ImageVector.Span) >= image))
            {
                continue;
            }

            var text = concept.DescriptionVector.Length == region.TextVector.Length
                ? TensorPrimitives.Dot(region.TextVector, concept.DescriptionVector.Span)
                : 0f;
            var bonus = SmallRegionBonus(region.Box, query.PixelScale, smallRegionBonus);
            var fused = ((1 - textWeight) * (image + bonus)) + (textWeight * text) - penalty;
            if (best is null || fused > best.Score)
            {
                best = new Candidate(concept.Name, fused, image, text, q, matched, RegionBonus: bonus);
            }

            if (IsObject(region) && (bestObject is null || fused > bestObject.Value.Score))
            {
                bestObject = (q, fused);
            }
        }

        if (best is not null && !IsObject(query.Regions[best.QueryRegion]) && bestObject is { } o && objectBoxTolerance >= 0 && o.Score >= best.Score - objectBoxTolerance)
        {
            best = best with { BoxRegion = o.Region };
        }

        return best ?? new Candidate(concept.Name, -1, -1, 0, 0, -1);
    }
}
