using Microsoft.DurableTask;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>Compares the photo with one candidate's reference photo (the pairwise fallback). Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class ComparePair(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<PairStepInput>, PairwiseJudgement>
{
    public override Task<PairwiseJudgement> RunAsync(TaskActivityContext context, UploadStepInput<PairStepInput> input) => work.ComparePairAsync(input, stopping.Token);
}
