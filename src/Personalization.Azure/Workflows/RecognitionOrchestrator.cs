using Microsoft.DurableTask;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The recognition orchestration: the same <see cref="RecognitionChain"/> the CLI runs, with activities as its
/// steps (retrieve → reason → verify → pairwise fan-out only when needed → caption), then the result JSON and an
/// event. Control flow only: every read, write and model call is an activity.
/// </summary>
public sealed class RecognitionOrchestrator : TaskOrchestrator<RecognitionRequest, RecognitionSummary>
{
    public override async Task<RecognitionSummary> RunAsync(TaskOrchestrationContext context, RecognitionRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var result = await RecognitionChain.RunAsync(new ActivityRecognitionSteps(context, input.BlobPath), input.Image, input.Thresholds);
        var resultBlob = await context.CallActivityAsync<string>(nameof(WriteResult), new WriteResultInput(input.BlobPath, result), ActivityRetry.Default);
        await context.CallActivityAsync(
            nameof(PublishResultEvent),
            new ResultEvent("recognition.completed", input.Image.Owner, input.BlobPath, resultBlob, result.Concept?.Value, result.Score, result.Stage),
            ActivityRetry.Default);
        return new RecognitionSummary(input.Image.Owner, input.BlobPath, result.Concept?.Value, result.Score, result.Stage, resultBlob);
    }
}
