using Microsoft.DurableTask;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// One batch of a bulk job: analyse the batch in one activity (one detector/encoder batch, sized for the GPU),
/// then recognise each analysed image in a sub-orchestration, all in parallel. A bad image or a failed
/// recognition becomes a failed item; the rest of the batch goes on. An image already answered, for this request or by its
/// upload's completed recognition (<see cref="IngestedImage.Recognized"/>), keeps its result and is not recognised again.
/// </summary>
public sealed class BulkBatchOrchestrator : TaskOrchestrator<BulkBatchInput, IReadOnlyList<BulkItem>>
{
    public override async Task<IReadOnlyList<BulkItem>> RunAsync(TaskOrchestrationContext context, BulkBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ingested = await context.CallActivityAsync<IReadOnlyList<IngestedImage>>(
            nameof(AnalyzeImages), new AnalyzeImagesInput(input.Owner, input.Paths, input.ResultsSince), ActivityRetry.Default);

        // Start every recognition, then await them all (fan-out, fan-in).
        var pending = new List<(IngestedImage Image, Task<RecognitionSummary>? Task)>(ingested.Count);
        for (var i = 0; i < ingested.Count; i++)
        {
            var image = ingested[i];
            if (image.ContentHash is not { } hash || image.Recognized is not null)
            {
                pending.Add((image, null));
                continue;
            }

            var request = new RecognitionRequest(new ImageRef(input.Owner, hash), image.Path, input.Thresholds);
            var options = new SubOrchestrationOptions(ActivityRetry.Default, $"{context.InstanceId}-{i}");
            pending.Add((image, context.CallSubOrchestratorAsync<RecognitionSummary>(OrchestrationNames.RecognizeImage, request, options)));
        }

        var items = new List<BulkItem>(pending.Count);
        foreach (var (image, task) in pending)
        {
            if (task is null && image.Recognized is { } done)
            {
                items.Add(new BulkItem(image.Path, done.Concept, done.Stage, done.Score, done.ResultBlob, null));
                continue;
            }

            if (task is null)
            {
                items.Add(new BulkItem(image.Path, null, null, null, null, image.Error ?? "not analysed"));
                continue;
            }

            try
            {
                var summary = await task;
                items.Add(new BulkItem(image.Path, summary.Concept, summary.Stage, summary.Score, summary.ResultBlob, null));
            }
            catch (TaskFailedException e)
            {
                items.Add(new BulkItem(image.Path, null, null, null, null, $"recognition failed: {e.FailureDetails.ErrorMessage}"));
            }
        }

        return items;
    }
}
