using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Writes a preference request's result blob. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class WritePreferenceResult(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<PreferenceResultInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, PreferenceResultInput input) => work.WriteResultAsync(input, stopping.Token);
}
