using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Writes the result blob and records the concepts found in the image index. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class WriteResult(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<WriteResultInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, WriteResultInput input) => work.WriteResultAsync(input, stopping.Token);
}
