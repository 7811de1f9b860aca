using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Publishes the result event (Service Bus when configured). Its class name is its activity name; registered by convention (<see cref="DurableTaskRegistryExtensions"/>).</summary>
public sealed class PublishResultEvent(RecognitionActivities work, WorkerStopping stopping) : TaskActivity<ResultEvent, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ResultEvent input)
    {
        await work.PublishAsync(input, stopping.Token).ConfigureAwait(false);
        return true;
    }
}
