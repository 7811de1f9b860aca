using Microsoft.DurableTask;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Workflows;

/// <summary>Reasons over the candidates' attributes with the configured reasoner, shown the photo. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class ReasonAttributes(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<UploadStepInput<ReasonStepInput>, AttributeReasoning>
{
    public override Task<AttributeReasoning> RunAsync(TaskActivityContext context, UploadStepInput<ReasonStepInput> input) => work.ReasonAsync(input, stopping.Token);
}
