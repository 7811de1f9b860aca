using Personalization.Azure.Events;
using Personalization.Azure.Storage;
using Personalization.Core.Diagnostics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// What the recognition activities do: each delegates to the same services the CLI uses (through
/// <see cref="DirectRecognitionSteps"/>), so the orchestration and the local runner compute the same thing. The steps
/// that show the photo to the reasoner get its pixels from the upload's blob (<see cref="UploadStepInput{TStep}"/>) and
/// the concepts' reference photos from the image store, so a VLM sees what the CLI would show it.
/// Reads only, except the result upsert (keyed by owner and path) with its image-index entry, and the event. Thread-safe.
/// </summary>
public sealed class RecognitionActivities(
    IImageAnalysisStore analyses,
    IConceptIndex index,
    CandidateRetriever retriever,
    IReasoner reasoner,
    CrossModalVerifier verifier,
    StorageClients storage,
    IResultEventPublisher publisher,
    IImageIndex images,
    IImageStore pixels,
    PipelineMetrics? metrics = null)
{
    public Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input, CancellationToken cancellationToken) => Steps(cancellationToken).RetrieveAsync(input);

    public Task<AttributeReasoning> ReasonAsync(UploadStepInput<ReasonStepInput> input, CancellationToken cancellationToken) =>
        Steps(input, input.Step.Image, cancellationToken).ReasonAttributesAsync(input.Step);

    public Task<VerificationStep> VerifyAsync(VerifyStepInput input, CancellationToken cancellationToken) => Steps(cancellationToken).VerifyAsync(input);

    public Task<PairwiseJudgement> ComparePairAsync(UploadStepInput<PairStepInput> input, CancellationToken cancellationToken) =>
        Steps(input, input.Step.Image, cancellationToken).ComparePairAsync(input.Step);

    public Task<CaptionResult> CaptionAsync(UploadStepInput<CaptionStepInput> input, CancellationToken cancellationToken) =>
        Steps(input, input.Step.Image, cancellationToken).CaptionAsync(input.Step);

    /// <summary>
    /// Writes <c>results/{owner}/{path}.json</c> (overwriting: a retry writes the same), records the concepts found in the
    /// image index (so the owner's photos can be searched by concept), and returns the result's blob name.
    /// </summary>
    public async Task<string> WriteResultAsync(WriteResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var owner = input.Result.Owner;
        var analysis = await analyses.GetAsync(owner, input.Result.ContentHash, cancellationToken).ConfigureAwait(false);
        var document = ResultDocument.From(input.BlobPath, input.Result, analysis);
        var name = BlobPaths.Result(owner, input.BlobPath);
        await StorageJson.UploadAsync(storage.Results, name, document, StorageJson.Documents, cancellationToken).ConfigureAwait(false);
        if (analysis is not null)
        {
            var indexed = IndexedImage.From(owner, input.BlobPath, analysis) with { Concepts = IImageIndexExtensions.ConceptsOf(input.Result) };
            await images.UpsertAsync([indexed], cancellationToken).ConfigureAwait(false);
        }

        metrics?.Recognised();
        return name;
    }

    public Task PublishAsync(ResultEvent resultEvent, CancellationToken cancellationToken) => publisher.PublishAsync(resultEvent, cancellationToken);

    private DirectRecognitionSteps Steps(CancellationToken cancellationToken) => new(analyses, index, retriever, reasoner, verifier, cancellationToken);

    private DirectRecognitionSteps Steps<TStep>(UploadStepInput<TStep> input, ImageRef image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(analyses, index, retriever, reasoner, verifier, cancellationToken, new UploadedImageStore(storage, pixels, image, input.BlobPath));
    }
}
