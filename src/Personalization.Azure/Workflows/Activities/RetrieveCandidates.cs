using Microsoft.DurableTask;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>Retrieves the owner's concepts that may be in the photo (whole, regions, tiles), with their scores. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class RetrieveCandidates(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<RetrieveStepInput, RetrievalStep>
{
    public override Task<RetrievalStep> RunAsync(TaskActivityContext context, RetrieveStepInput input) => work.RetrieveAsync(input, stopping.Token);
}
