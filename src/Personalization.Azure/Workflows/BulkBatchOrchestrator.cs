using Microsoft.DurableTask;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// One batch of a bulk job: analyse the batch in one activity (one detector/encoder batch, sized for the GPU),
/// then recognise each analysed image in a sub-orchestration, all in parallel. A bad image or a failed
/// recognition becomes a failed item; the rest of the batch goes on. An image already answered, for this request or by its
/// upload's completed recognition (<see cref="IngestedImage.Recognized"/>), keeps its result and is not recognised again;
/// one whose upload's recognition is still running is waited for, then reused.
/// </summary>
public sealed class BulkBatchOrchestrator : TaskOrchestrator<BulkBatchInput, IReadOnlyList<BulkItem>>
{
    /// <summary>The first wait for a running upload recognition; each next one doubles, up to <see cref="UploadPollMax"/>.</summary>
    public static readonly TimeSpan UploadPollFirst = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan UploadPollMax = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch waits in all for its photos' running upload recognitions before recognising them itself.</summary>
    public static readonly TimeSpan UploadWaitLimit = TimeSpan.FromMinutes(10);

    public override async Task<IReadOnlyList<BulkItem>> RunAsync(TaskOrchestrationContext context, BulkBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ingested = await context.CallActivityAsync<IReadOnlyList<IngestedImage>>(
            nameof(AnalyzeImages), new AnalyzeImagesInput(input.Owner, input.Paths, input.ResultsSince), ActivityRetry.Default);

        // A photo whose upload is being recognised right now is waited for (durable timers: no activity slot is held) and
        // its answer reused, not recognised a second time; past UploadWaitLimit the bulk recognises it itself.
        var delay = UploadPollFirst;
        var waited = TimeSpan.Zero;
        while (ingested.Any(i => i.UploadRunning) && waited < UploadWaitLimit)
        {
            await context.CreateTimer(delay, CancellationToken.None);
            waited += delay;
            ingested = await context.CallActivityAsync<IReadOnlyList<IngestedImage>>(
                nameof(CheckUploadRecognitions), new UploadChecksInput(input.Owner, ingested), ActivityRetry.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, UploadPollMax.Ticks));
        }

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
