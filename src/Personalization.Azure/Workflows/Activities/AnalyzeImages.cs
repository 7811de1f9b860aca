using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Personalization.Azure.Workflows;

/// <summary>Analyses a bulk batch and marks the photos already answered (by this request or by their upload). Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class AnalyzeImages(BulkActivities work, DurableTaskClient client, WorkerStopping stopping) : TaskActivity<AnalyzeImagesInput, IReadOnlyList<IngestedImage>>
{
    public override Task<IReadOnlyList<IngestedImage>> RunAsync(TaskActivityContext context, AnalyzeImagesInput input) => work.AnalyzeImagesAsync(input, client, stopping.Token);
}
