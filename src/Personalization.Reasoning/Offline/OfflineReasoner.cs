using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Reasoning.Offline;

/// <summary>
/// The reasoner that needs no VLM: every stage is a deterministic rule over encoder outputs, with the same
/// inputs, outputs and trace as a VLM reasoner. It "sees" an image as the words the models give it
/// (detector labels, top ImageNet labels, named colours). Thread-safe; holds no per-request state.
/// </summary>
public sealed class OfflineReasoner(ITextEncoder textEncoder, IOptions<RecognitionOptions> options, LabelKinds? labelKinds = null) : IReasoner, IQuestionAnswerer
{
    private const int MaxCachedWords = 10_000;
    private readonly RecognitionOptions _options = options.Value;

    // The words the models can say form a small closed vocabulary (labels, colours): embed each once.
    private readonly ConcurrentDictionary<string, float[]> _wordVectors = new(StringComparer.Ordinal);

    public string Name => "offline";

    public Task<FingerprintProposal> FingerprintAsync(FingerprintRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attributes = new List<ProposedAttribute>();
        foreach (var analysis in request.References)
        {
            // Measured on the concept's own region only: what the models say of the rest of the photo is not about it.
            if (ConceptRegion(analysis) is not { } main)
            {
                continue;
            }

            if (main.Label is { } label)
            {
                attributes.Add(new ProposedAttribute(CocoLabels.Words(label), "detector"));
            }

            attributes.AddRange(main.TopLabels.Where(l => l.Probability >= 0.08f).Take(2).Select(l => new ProposedAttribute(l.Label, "classifier")));
            attributes.AddRange(main.Colors.Take(2).Select(c => new ProposedAttribute(c.Name, "color")));
        }

        // Nothing the user's words contradict (a silver dog they called golden, a Pembroke they called a teapot).
        var userTerms = AttributeAgreement.UserTerms(request.Category, request.UserDescription, request.UserAttributes);
        var distinct = attributes
            .Where(a => AttributeAgreement.Contradiction(a, request.Category, userTerms, labelKinds) is null)
            .DistinctBy(a => a.Text, StringComparer.OrdinalIgnoreCase)
            .Take(8)
            .ToList();
        var description = request.UserDescription ?? Describe(request.Category, distinct);
        return Task.FromResult(new FingerprintProposal(description, distinct));
    }

    public async Task<AttributeReasoning> ReasonAsync(ReasoningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var words = QueryWords(request.Query);
        var wordVectors = await EncodeWordsAsync(words, cancellationToken).ConfigureAwait(false);
        var perCandidate = new List<CandidateAttributes>(request.Candidates.Count);
        ConceptName? choice = null;
        var bestTotal = float.NegativeInfinity;
        foreach (var (concept, retrieval) in request.Candidates)
        {
            var evidence = concept.Fingerprint
                .Select(a => Evidence(a, wordVectors))
                .ToList();
            var attributeScore = evidence.Count == 0 ? 0f : evidence.Average(e => e.Score);
            perCandidate.Add(new CandidateAttributes(concept.Name, evidence, attributeScore));
            var total = retrieval.Score + ((float)_options.AttributeWeight * attributeScore);
            if (total > bestTotal)
            {
                bestTotal = total;
                choice = concept.Name;
            }
        }

        var rationale = choice is null
            ? "no candidates"
            : string.Create(CultureInfo.InvariantCulture, $"<{choice}> has the best retrieval score plus {_options.AttributeWeight:F2} × mean attribute score ({bestTotal:F3}); query seen as: {string.Join(", ", words)}");
        return new AttributeReasoning(perCandidate, choice, rationale);

        AttributeEvidence Evidence(FingerprintAttribute attribute, float[][] vectors)
        {
            var score = 0f;
            foreach (var v in vectors)
            {
                score = Math.Max(score, TensorPrimitives.Dot(attribute.Vector.Span, v));
            }

            return new AttributeEvidence(attribute.Text, score, score >= _options.AttributeVisible, attribute.Source);
        }
    }

    public Task<PairwiseJudgement> ComparePairAsync(PairwiseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The best region pair by retrieval's own rule: a query region that looks at least as much like one of the
        // concept's rejected regions, or like a room of the owner's reference photos, as like its references does not
        // count for it. Retrieval applied both (it knows all the owner's rooms); without it, the rejected regions only.
        var scored = request.Retrieval is { ImageSimilarity: >= -1f } retrieved
            ? retrieved
            : CandidateRetriever.Score(request.Candidate, request.Query, textWeight: 0f, smallRegionBonus: (float)_options.SmallRegionBonus);
        var best = scored.ImageSimilarity;

        // A small region's similarity is corrected for the blur of its enlargement, as in retrieval (Recognition:SmallRegionBonus).
        var bonus = scored.RegionBonus;

        // Geometric evidence counts as it does in retrieval: inliers of one similarity transform are hard to get by chance.
        var inliers = request.Retrieval?.Inliers ?? 0;
        var local = (float)_options.LocalWeight * CandidateRetriever.LocalEvidence(inliers, _options.LocalMinInliers, _options.LocalInlierCap);
        var penalty = CandidateRetriever.ConfirmedPenalty(request.Candidate, (float)_options.ConfirmedPenalty);

        // The best candidate's lead over the next concept counts as it does in retrieval (Recognition:MarginWeight).
        var lead = request.Retrieval?.Margin is { } margin ? (float)_options.MarginWeight * margin : 0f;
        var s = best + bonus + local - penalty + lead;
        var p = 1.0 / (1.0 + Math.Exp(-_options.PairwiseSlope * (s - _options.PairwiseMidpoint)));
        var terms = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"best region image similarity {best:F3}"));
        if (bonus > 0)
        {
            terms.Append(CultureInfo.InvariantCulture, $" + {bonus:F3} for a small region");
        }

        if (local > 0)
        {
            terms.Append(CultureInfo.InvariantCulture, $" + local evidence {local:F3} ({inliers} inliers)");
        }

        if (penalty > 0)
        {
            terms.Append(CultureInfo.InvariantCulture, $" − {penalty:F3} for its confirmed references");
        }

        if (request.Retrieval?.Margin is { } m)
        {
            terms.Append(CultureInfo.InvariantCulture, $" + {lead:F3} for its lead of {m:F3} over the next concept");
        }

        var evidence = terms.Append(CultureInfo.InvariantCulture, $" → p = σ({_options.PairwiseSlope:F0}·({s:F3} − {_options.PairwiseMidpoint:F2})) = {p:F3}").ToString();
        return Task.FromResult(new PairwiseJudgement(request.Candidate.Name, (float)p, evidence));
    }

    public Task<CaptionResult> CaptionAsync(CaptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new CaptionResult(OfflineCaption.Write(request), Name));
    }

    public Task<QuestionAnswer> AnswerAsync(QuestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(OfflineAnswer.Write(request));
    }

    private async Task<float[][]> EncodeWordsAsync(List<string> words, CancellationToken cancellationToken)
    {
        var result = new float[words.Count][];
        var missing = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            if (_wordVectors.TryGetValue(words[i], out var cached))
            {
                result[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var vectors = await textEncoder.EncodeAsync([.. missing.Select(i => words[i])], cancellationToken).ConfigureAwait(false);
            if (_wordVectors.Count + missing.Count > MaxCachedWords)
            {
                _wordVectors.Clear();
            }

            for (var k = 0; k < missing.Count; k++)
            {
                result[missing[k]] = vectors[k];
                _wordVectors[words[missing[k]]] = vectors[k];
            }
        }

        return result;
    }

    /// <summary>The words the models say about an image: detector labels, likely ImageNet labels, colour names.</summary>
    internal static List<string> QueryWords(ImageAnalysis query)
    {
        var words = new List<string>();
        foreach (var region in query.Regions)
        {
            if (region.Label is { } label)
            {
                words.Add(CocoLabels.Words(label));
            }

            words.AddRange(region.TopLabels.Where(l => l.Probability >= 0.05f).Take(3).Select(l => l.Label));
            words.AddRange(region.Colors.Select(c => c.Name));
        }

        return [.. words.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The region of a reference photo that is the concept: the object region it was enrolled from (the user's box, or
    /// the one chosen automatically); the whole photo only when enrolment took the whole photo as the object. For an
    /// analysis made without a focus, the most confident large detection; none when there is none, as the whole photo
    /// is not the concept's region.
    /// </summary>
    internal static ImageRegion? ConceptRegion(ImageAnalysis analysis)
    {
        if (analysis.Regions.FirstOrDefault(r => r.Source == "focus") is { } focus)
        {
            return focus;
        }

        if (analysis.Focus is { Source: ReferenceFocus.Whole })
        {
            return analysis.Regions.FirstOrDefault();
        }

        var main = MainRegion(analysis);
        return main.Source == "detection" ? main : null;
    }

    /// <summary>The region most likely to be the subject: the focus region of a reference, else the most confident large detection, else the whole image.</summary>
    internal static ImageRegion MainRegion(ImageAnalysis analysis)
    {
        if (analysis.Regions.FirstOrDefault(r => r.Source == "focus") is { } focus)
        {
            return focus;
        }

        var imageArea = (float)analysis.Width * analysis.Height;
        return analysis.Regions
            .Where(r => r.Source == "detection" && r.Box.Area >= 0.05f * imageArea)
            .OrderByDescending(r => r.DetectorScore * MathF.Sqrt(r.Box.Area / imageArea))
            .FirstOrDefault() ?? analysis.Regions[0];
    }

    private static string Describe(string category, IReadOnlyList<ProposedAttribute> attributes)
    {
        var colors = attributes.Where(a => a.Source == "color").Select(a => a.Text).ToList();
        var kinds = attributes.Where(a => a.Source == "classifier").Select(a => a.Text).ToList();
        var text = colors.Count > 0 ? $"a {string.Join(" and ", colors)} {category}" : $"a {category}";
        return kinds.Count > 0 ? $"{text} that looks like a {string.Join(" or a ", kinds)}" : text;
    }
}
