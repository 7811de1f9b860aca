using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Personalization.Azure.Workflows;

/// <summary>Looks again at a bulk batch's photos whose upload recognitions were running (<see cref="UploadRecognitions"/>). Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class CheckUploadRecognitions(BulkActivities work, DurableTaskClient client, WorkerStopping stopping) : TaskActivity<UploadChecksInput, IReadOnlyList<IngestedImage>>
{
    public override Task<IReadOnlyList<IngestedImage>> RunAsync(TaskActivityContext context, UploadChecksInput input) => work.CheckUploadsAsync(input, client, stopping.Token);
}
