using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Personalization.Azure.Workflows;

namespace Personalization.Functions;

/// <summary>The orchestrator functions: each runs the shared orchestrator class, the one the local worker registers.</summary>
public static class Orchestrations
{
    [Function(OrchestrationNames.RecognizeImage)]
    public static Task<RecognitionSummary> RecognizeImage([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RecognitionOrchestrator().RunAsync(context, context.GetInput<RecognitionRequest>()!);

    [Function(OrchestrationNames.BulkRecognize)]
    public static Task<BulkSummary> BulkRecognize([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BulkOrchestrator().RunAsync(context, context.GetInput<BulkRequest>()!);

    [Function(OrchestrationNames.BulkBatch)]
    public static Task<IReadOnlyList<BulkItem>> BulkBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BulkBatchOrchestrator().RunAsync(context, context.GetInput<BulkBatchInput>()!);

    [Function(OrchestrationNames.JudgePreferences)]
    public static Task<PreferenceSummary> JudgePreferences([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PreferenceOrchestrator().RunAsync(context, context.GetInput<PreferenceRequest>()!);
}
