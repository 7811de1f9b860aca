using Microsoft.Extensions.Options;
using Personalization.Core.Diagnostics;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Core.Recognition;

/// <summary>
/// Recognises an owner's concepts in a batch of images: analyse in batches, store each analysis, run the
/// chain per image with direct steps. A bad image becomes a failed outcome; the rest of the batch goes on.
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
    IImageStore? imageStore = null)
{
    private readonly RecognitionOptions _options = options.Value;

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
        var pending = images.Count > 0 ? Task.Run(() => ReadAndAnalyseAsync(0), cancellationToken) : null;
        try
        {
            for (var start = 0; start < images.Count; start += _options.ImageBatch)
            {
                var (slots, analysed) = await pending!.ConfigureAwait(false);
                var after = start + _options.ImageBatch;
                pending = after < images.Count ? Task.Run(() => ReadAndAnalyseAsync(after), cancellationToken) : null;
                var next = 0;
                foreach (var slot in slots)
                {
                    if (slot.Failed is { } failed)
                    {
                        Report(failed);
                        continue;
                    }

                    var input = slot.Input!;
                    var item = analysed[next++];
                    if (item.Analysis is not { } analysis)
                    {
                        Report(new RecognitionOutcome(item.Id, null, null, item.Error));
                        continue;
                    }

                    await analyses.PutAsync(owner, analysis, cancellationToken).ConfigureAwait(false);
                    await pixels.PutAsync(owner, analysis.ContentHash, input.Bytes, cancellationToken).ConfigureAwait(false);
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

        // Each slot holds an input to analyse or the reason it could not be read, in input order.
        async Task<(List<(ImageInput? Input, RecognitionOutcome? Failed)> Slots, IReadOnlyList<ImageAnalysisResult> Analysed)> ReadAndAnalyseAsync(int start)
        {
            var slots = new List<(ImageInput? Input, RecognitionOutcome? Failed)>();
            for (var i = start; i < Math.Min(images.Count, start + _options.ImageBatch); i++)
            {
                try
                {
                    slots.Add((new ImageInput(images[i].Id, await images[i].ReadAsync(cancellationToken).ConfigureAwait(false)), null));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    slots.Add((null, new RecognitionOutcome(images[i].Id, null, null, $"cannot read: {e.Message}")));
                }
            }

            var analysed = await analyzer.AnalyzeAsync([.. slots.Where(s => s.Input is not null).Select(s => s.Input!)], cancellationToken).ConfigureAwait(false);
            return (slots, analysed);
        }

        void Report(RecognitionOutcome outcome)
        {
            outcomes.Add(outcome);
            onOutcome?.Invoke(outcome);
        }
    }
}
