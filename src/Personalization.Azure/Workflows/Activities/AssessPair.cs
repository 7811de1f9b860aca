using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Judges one preference pair against the profile. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class AssessPair(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<AssessPairInput, PairOutcome>
{
    public override Task<PairOutcome> RunAsync(TaskActivityContext context, AssessPairInput input) => work.AssessPairAsync(input, stopping.Token);
}
