using Microsoft.DurableTask;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The chain's steps as activity calls, so <see cref="RecognitionChain.RunAsync"/> runs unchanged inside an
/// orchestrator: each step is recorded in the history and replays from it. Not thread-safe (orchestrator code is
/// single-threaded); one instance per orchestration execution.
/// </summary>
internal sealed class ActivityRecognitionSteps(TaskOrchestrationContext context) : IRecognitionSteps
{
    public Task<RetrievalStep> RetrieveAsync(RetrieveStepInput input) =>
        context.CallActivityAsync<RetrievalStep>(ActivityNames.RetrieveCandidates, input, ActivityRetry.Default);

    public Task<AttributeReasoning> ReasonAttributesAsync(ReasonStepInput input) =>
        context.CallActivityAsync<AttributeReasoning>(ActivityNames.ReasonAttributes, input, ActivityRetry.Default);

    public Task<VerificationStep> VerifyAsync(VerifyStepInput input) =>
        context.CallActivityAsync<VerificationStep>(ActivityNames.VerifyCrossModal, input, ActivityRetry.Default);

    public Task<PairwiseJudgement> ComparePairAsync(PairStepInput input) =>
        context.CallActivityAsync<PairwiseJudgement>(ActivityNames.ComparePair, input, ActivityRetry.Default);

    public Task<string> CaptionAsync(CaptionStepInput input) =>
        context.CallActivityAsync<string>(ActivityNames.WriteCaption, input, ActivityRetry.Default);
}
