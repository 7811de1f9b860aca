using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Runs the chain's steps in process with direct calls (the local runner). One instance per run: it carries
/// that run's cancellation token, which the step signatures cannot (orchestrator rules).
/// </summary>
/// <param name="images">Where the query's and the references' bytes are, for a reasoner that looks at pixels; the
/// reasoner reads them only if it needs them. Null: the reasoner gets no pixels (the offline reasoner needs none).</param>
public sealed class DirectRecognitionSteps(
    IImageAnalysisStore analyses,
    IConceptIndex index,
    CandidateRetriever retriever,
    IReasoner reasoner,
    CrossModalVerifier verifier,
    CancellationToken cancellationToken,
    IImageStore? images = null) : IRecognitionSteps
{
    // The owner's concepts, read once per run rather than once per step and image (with Azure AI Search a listing
    // is a query that returns every concept's payload). A concept forgotten during a run still counts until it ends.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<OwnerId, Lazy<Task<IReadOnlyList<Concept>>>> _concepts = new();

    public async Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = await LoadAsync(input.Image).ConfigureAwait(false);
        var concepts = await ConceptsAsync(input.Image.Owner).ConfigureAwait(false);
        var candidates = await retriever.RetrieveAsync(input.Image.Owner, query, input.TopK, input.HitsPerRegion, input.TextWeight, cancellationToken, concepts).ConfigureAwait(false);
        return new RetrievalStep(candidates, [.. query.Regions.Select(r => r.Box)], [.. query.Regions.Select(r => r.Source)], query.PixelScale);
    }

    public async Task<AttributeReasoning> ReasonAttributesAsync(ReasonStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = await LoadAsync(input.Image).ConfigureAwait(false);
        var concepts = await ConceptsAsync(input.Image.Owner).ConfigureAwait(false);
        var context = input.Candidates
            .Select(c => new CandidateContext(concepts.First(x => x.Name.Equals(c.Concept)), c))
            .ToList();
        return await reasoner.ReasonAsync(new ReasoningRequest(query, context, Pixels(input.Image.Owner, query.ContentHash)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<VerificationStep> VerifyAsync(VerifyStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = await LoadAsync(input.Image).ConfigureAwait(false);
        var concepts = await ConceptsAsync(input.Image.Owner).ConfigureAwait(false);
        var known = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var claim in input.Claims)
        {
            foreach (var attribute in concepts.FirstOrDefault(c => c.Name.Equals(claim.Concept))?.Fingerprint ?? [])
            {
                known.TryAdd(attribute.Text, attribute.Vector);
            }
        }

        return new VerificationStep(await verifier.VerifyAsync(query, input.Claims, known, cancellationToken).ConfigureAwait(false));
    }

    public async Task<PairwiseJudgement> ComparePairAsync(PairStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = await LoadAsync(input.Image).ConfigureAwait(false);
        var concept = (await ConceptsAsync(input.Image.Owner).ConfigureAwait(false)).FirstOrDefault(c => c.Name.Equals(input.Candidate))
            ?? throw new InvalidOperationException($"concept <{input.Candidate}> disappeared during recognition");
        var reference = concept.References.Count > 0 ? Pixels(concept.Owner, concept.References[0].ContentHash) : null;
        return await reasoner.ComparePairAsync(new PairwiseRequest(query, concept, Pixels(input.Image.Owner, query.ContentHash), reference, input.Retrieval), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaptionResult> CaptionAsync(CaptionStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = await LoadAsync(input.Image).ConfigureAwait(false);
        var concepts = await ConceptsAsync(input.Image.Owner).ConfigureAwait(false);
        var recognized = new List<RecognizedConcept>(input.Concepts.Count);
        foreach (var c in input.Concepts)
        {
            if (concepts.FirstOrDefault(x => x.Name.Equals(c.Concept)) is { } concept)
            {
                recognized.Add(new RecognizedConcept(concept, c.Box, c.Confidence));
            }
        }

        var names = concepts.Select(c => c.Name).ToList();
        return await reasoner.CaptionAsync(new CaptionRequest(query, recognized, names, Pixels(input.Image.Owner, query.ContentHash)), cancellationToken).ConfigureAwait(false);
    }

    private ImageSource? Pixels(OwnerId owner, string contentHash) =>
        images is null ? null : ImageStoreSource.Of(images, owner, contentHash);

    private Task<IReadOnlyList<Concept>> ConceptsAsync(OwnerId owner) =>
        _concepts.GetOrAdd(owner, o => new Lazy<Task<IReadOnlyList<Concept>>>(() => index.ListAsync(o, cancellationToken))).Value;

    private async Task<ImageAnalysis> LoadAsync(ImageRef image) =>
        await analyses.GetAsync(image.Owner, image.ContentHash, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"no analysis stored for image {image.ContentHash} of owner '{image.Owner}'");
}
