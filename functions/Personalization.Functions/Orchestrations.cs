using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Personalization.Azure.Workflows;

namespace Personalization.Functions;

/// <summary>The orchestrator functions: each runs the shared orchestrator class, the one the local worker registers.</summary>
public static class Orchestrations
{
    [Function(ActivityNames.RecognizeImage)]
    public static Task<RecognitionSummary> RecognizeImage([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RecognitionOrchestrator().RunAsync(context, context.GetInput<RecognitionRequest>()!);

    [Function(ActivityNames.BulkRecognize)]
    public static Task<BulkSummary> BulkRecognize([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BulkOrchestrator().RunAsync(context, context.GetInput<BulkRequest>()!);

    [Function(ActivityNames.BulkBatch)]
    public static Task<IReadOnlyList<BulkItem>> BulkBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BulkBatchOrchestrator().RunAsync(context, context.GetInput<BulkBatchInput>()!);

    [Function(ActivityNames.JudgePreferences)]
    public static Task<PreferenceSummary> JudgePreferences([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PreferenceOrchestrator().RunAsync(context, context.GetInput<PreferenceRequest>()!);
}
