using Microsoft.DurableTask.Client;
using Personalization.Core.Domain;

namespace Personalization.Azure.Workflows;

/// <summary>
/// The recognition an upload started (its instance id derives from owner, path and bytes, <see cref="InstanceIds.Recognition"/>),
/// as a bulk request sees it, so that a photo already recognised is not recognised again: when that instance completed,
/// its answer is reused. Otherwise the bulk recognises the photo under an id of its own. It never takes the upload's id
/// for a sub-orchestration: the upload's trigger may start that instance at any moment, and a sub-orchestration whose id
/// names an instance that exists can leave its parent waiting forever; nor does it wait for a running one inside an
/// activity, which would hold the activity slot that recognition's own steps may need. A photo the bulk answers first is
/// not recognised again by a later upload trigger (<see cref="Handlers.ImageBlobHandler"/> finds the result). Thread-safe.
/// </summary>
internal static class UploadRecognitions
{
    public static async Task<IngestedImage> ResolveAsync(DurableTaskClient client, OwnerId owner, IngestedImage image, CancellationToken cancellationToken)
    {
        if (image.ContentHash is not { } hash || image.Recognized is not null)
        {
            return image;
        }

        var upload = await client.GetInstanceAsync(InstanceIds.Recognition(owner, image.Path, hash), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return upload is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && upload.ReadOutputAs<RecognitionSummary>() is { } summary
            ? image with { Recognized = summary }
            : image;
    }
}
