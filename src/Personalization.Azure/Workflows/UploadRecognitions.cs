using Microsoft.DurableTask.Client;
using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The recognition an upload started (its instance id derives from owner, path and bytes), as a bulk request sees it, so
/// that the same photo is recognised once: finished, its answer is reused; still running, it is waited for and its answer
/// reused; never started, the bulk recognises it under that very id (an upload trigger that comes later finds it and
/// starts nothing); failed or terminated, the bulk recognises it again under an id of its own (a sub-orchestration must
/// not take the id of an instance that exists). Thread-safe.
/// </summary>
internal static class UploadRecognitions
{
    public static async Task<IngestedImage> ResolveAsync(DurableTaskClient client, OwnerId owner, IngestedImage image, CancellationToken cancellationToken)
    {
        if (image.ContentHash is not { } hash || image.Recognized is not null)
        {
            return image;
        }

        var instanceId = InstanceIds.Recognition(owner, image.Path, hash);
        var upload = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            return image with { InstanceId = instanceId };
        }

        if (upload.IsRunning || upload.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            upload = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        }

        return upload.RuntimeStatus == OrchestrationRuntimeStatus.Completed && upload.ReadOutputAs<RecognitionSummary>() is { } summary
            ? image with { Recognized = summary }
            : image;
    }
}
