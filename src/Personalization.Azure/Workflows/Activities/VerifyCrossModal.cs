using Microsoft.DurableTask;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>Checks each claimed concept's attributes against the photo across image and text. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class VerifyCrossModal(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<VerifyStepInput, VerificationStep>
{
    public override Task<VerificationStep> RunAsync(TaskActivityContext context, VerifyStepInput input) => work.VerifyAsync(input, stopping.Token);
}
