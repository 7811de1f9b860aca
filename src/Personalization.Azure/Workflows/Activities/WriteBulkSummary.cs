using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Writes a bulk job's summary blob. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class WriteBulkSummary(BulkActivities work, WorkerStopping stopping) : TaskActivity<BulkSummaryInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, BulkSummaryInput input) => work.WriteSummaryAsync(input, stopping.Token);
}
