using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Personalization.Azure.Workflows;

public static class DurableClientExtensions
{
    /// <summary>
    /// Starts the orchestration under <paramref name="instanceId"/> unless an instance with that id exists already
    /// (a redelivered event or message): the ids are derived from the work, so "exists" means "already done or doing".
    /// </summary>
    /// <returns>True if this call started it; false if it was there before.</returns>
    public static async Task<bool> StartOnceAsync(this DurableTaskClient client, string orchestrator, object input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
