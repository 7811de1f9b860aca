using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Intake;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Recognises an owner's concepts in a batch of images: take them in by batches (<see cref="ImageIntake"/>: read,
/// hash, analyse, store each analysis), run the chain per image with direct steps. A bad image becomes a failed outcome; the rest of the batch goes on.
/// Thread-safe.
/// </summary>
/// <param name="imageStore">The persistent image store (reference photos), for a reasoner that looks at pixels; optional.</param>
public sealed class RecognitionService(
    IImageAnalyzer analyzer,
    IImageAnalysisStore analyses,
    IConceptIndex index,
    CandidateRetriever retriever,
    IReasoner reasoner,
    CrossModalVerifier verifier,
    IOptions<RecognitionOptions> options,
    StageTimings timings,
    IImageStore? imageStore = null,
    PipelineMetrics? metrics = null)
{
    private readonly RecognitionOptions _options = options.Value;
    private readonly ImageIntake _intake = new(analyzer, analyses, metrics);

    /// <param name="images">Lazily loaded inputs: each is read only when its batch comes up.</param>
    /// <param name="onOutcome">Called after each image, in order (progress, streaming output).</param>
    /// <exception cref="UnknownOwnerException">The owner has no concepts.</exception>
    public async Task<IReadOnlyList<RecognitionOutcome>> RecognizeAsync(
        OwnerId owner,
        IReadOnlyList<ImageSource> images,
        Action<RecognitionOutcome>? onOutcome = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var concepts = await index.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        if (concepts.Count == 0)
        {
            throw new UnknownOwnerException(owner);
        }

        var thresholds = ChainThresholds.From(_options);
        var pixels = new QueryImageOverlay(imageStore);
        var steps = new DirectRecognitionSteps(analyses, index, retriever, reasoner, verifier, cancellationToken, pixels);
        var outcomes = new List<RecognitionOutcome>(images.Count);

        // Two batches in flight: the next batch is read and analysed while the chain runs over this one, so the cores
        // the chain leaves idle (its single-threaded steps, a batch's slowest photo) are used.
        var pending = images.Count > 0 ? Task.Run(() => TakeInAsync(0), cancellationToken) : null;
        try
        {
            for (var start = 0; start < images.Count; start += _options.ImageBatch)
            {
                var taken = await pending!.ConfigureAwait(false);
                var after = start + _options.ImageBatch;
                pending = after < images.Count ? Task.Run(() => TakeInAsync(after), cancellationToken) : null;
                foreach (var item in taken)
                {
                    if (item.Analysis is not { } analysis)
                    {
                        Report(new RecognitionOutcome(item.Id, null, null, item.Error));
                        continue;
                    }

                    await pixels.PutAsync(owner, analysis.ContentHash, item.Bytes, cancellationToken).ConfigureAwait(false);
                    RecognitionResult result;
                    try
                    {
                        using (timings.Measure(PipelineStages.Chain))
                        {
                            result = await RecognitionChain.RunAsync(steps, new ImageRef(owner, analysis.ContentHash), thresholds).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        pixels.Forget(owner, analysis.ContentHash);
                    }

                    metrics?.Recognised();
                    Report(new RecognitionOutcome(item.Id, result, analysis, null));
                }
            }
        }
        finally
        {
            // A run that stops early (cancelled, or a failure) still waits for the batch in flight, and drops its result.
            if (pending is not null)
            {
                await Task.WhenAny(pending).ConfigureAwait(false);
                _ = pending.Exception; // observed: the run is already failing or cancelled, and reports its first error
            }
        }

        return outcomes;

        Task<IReadOnlyList<IntakeItem>> TakeInAsync(int start) =>
            _intake.TakeInAsync(owner, [.. images.Skip(start).Take(_options.ImageBatch)], cancellationToken: cancellationToken);

        void Report(RecognitionOutcome outcome)
        {
            outcomes.Add(outcome);
            onOutcome?.Invoke(outcome);
        }
    }
}
