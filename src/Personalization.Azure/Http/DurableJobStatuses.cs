using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// The cloud's <see cref="IJobStatuses"/>: a durable orchestration's metadata, shown only to the owner its instance id was
/// made for (<see cref="InstanceIds.BelongsTo"/>); another owner's id is not even looked up. Made per call around the
/// client the host binds (<c>[DurableClient]</c> in Functions). Thread-safe.
/// </summary>
public sealed class DurableJobStatuses(DurableTaskClient client) : IJobStatuses
{
    public async Task<JobStatus?> GetAsync(OwnerId owner, string instanceId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.BelongsTo(instanceId, owner)
            || await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is not { } metadata)
        {
            return null;
        }

        return new JobStatus(
            instanceId,
            metadata.RuntimeStatus.ToString(),
            metadata.SerializedCustomStatus is { } s ? JsonNode.Parse(s) : null,
            metadata.SerializedOutput is { } o ? JsonNode.Parse(o) : null,
            metadata.FailureDetails?.ErrorMessage);
    }
}
