using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Predicts (or reads) the owner's preference profile. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class PredictProfile(PreferenceActivities work, WorkerStopping stopping) : TaskActivity<PredictProfileInput, ProfileStep>
{
    public override Task<ProfileStep> RunAsync(TaskActivityContext context, PredictProfileInput input) => work.PredictProfileAsync(input, stopping.Token);
}
