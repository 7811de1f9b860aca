using Microsoft.DurableTask;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The chain's steps as activity calls, so <see cref="RecognitionChain.RunAsync"/> runs unchanged inside an
/// orchestrator: each step is recorded in the history and replays from it. Not thread-safe (orchestrator code is
/// single-threaded); one instance per orchestration execution. The steps that show the photo to the reasoner carry the
/// upload's <paramref name="blobPath"/>, so their activity can read its pixels.
/// </summary>
internal sealed class ActivityRecognitionSteps(TaskOrchestrationContext context, string blobPath) : IRecognitionSteps
{
    public Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input) =>
        context.CallActivityAsync<RetrievalStep>(nameof(RetrieveCandidates), input, ActivityRetry.Default);

    public Task<AttributeReasoning> ReasonAttributesAsync(ReasonStepInput input) =>
        context.CallActivityAsync<AttributeReasoning>(nameof(ReasonAttributes), new UploadStepInput<ReasonStepInput>(blobPath, input), ActivityRetry.Default);

    public Task<VerificationStep> VerifyAsync(VerifyStepInput input) =>
        context.CallActivityAsync<VerificationStep>(nameof(VerifyCrossModal), input, ActivityRetry.Default);

    public Task<PairwiseJudgement> ComparePairAsync(PairStepInput input) =>
        context.CallActivityAsync<PairwiseJudgement>(nameof(ComparePair), new UploadStepInput<PairStepInput>(blobPath, input), ActivityRetry.Default);

    public Task<CaptionResult> CaptionAsync(CaptionStepInput input) =>
        context.CallActivityAsync<CaptionResult>(nameof(WriteCaption), new UploadStepInput<CaptionStepInput>(blobPath, input), ActivityRetry.Default);
}
