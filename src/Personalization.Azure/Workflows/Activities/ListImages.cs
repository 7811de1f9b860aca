using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Lists the valid image paths under a bulk request's prefix. Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class ListImages(BulkActivities work, WorkerStopping stopping) : TaskActivity<ListImagesInput, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, ListImagesInput input) => work.ListImagesAsync(input, stopping.Token);
}
