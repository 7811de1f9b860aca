using Microsoft.DurableTask.Client;
using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The recognition an upload started (its instance id derives from owner, path and bytes, <see cref="InstanceIds.Recognition"/>),
/// as a bulk request sees it, so that a photo is not recognised twice: when that instance completed, its answer is reused;
/// while it is pending or running, the image is marked <see cref="IngestedImage.UploadRunning"/> and the bulk batch checks
/// again after a durable timer (<see cref="CheckUploadRecognitions"/>), holding no activity slot while it waits, until it
/// completes (reused) or ends otherwise (the bulk then recognises the photo under an id of its own). It never takes the
/// upload's id for a sub-orchestration: the upload's trigger may start that instance at any moment, and a
/// sub-orchestration whose id names an instance that exists can leave its parent waiting forever. A photo the bulk answers
/// first is not recognised again by a later upload trigger (<see cref="Handlers.ImageBlobHandler"/> finds the result).
/// Thread-safe.
/// </summary>
internal static class UploadRecognitions
{
    public static async Task<IngestedImage> ResolveAsync(DurableTaskClient client, OwnerId owner, IngestedImage image, CancellationToken cancellationToken)
    {
        image = image with { UploadRunning = false };
        if (image.ContentHash is not { } hash || image.Recognized is not null)
        {
            return image;
        }

        var upload = await client.GetInstanceAsync(InstanceIds.Recognition(owner, image.Path, hash), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return upload?.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed when upload.ReadOutputAs<RecognitionSummary>() is { } summary => image with { Recognized = summary },
            OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => image with { UploadRunning = true },
            _ => image,
        };
    }
}
