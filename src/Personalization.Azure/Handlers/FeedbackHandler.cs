using System.Text.Json;
using Personalization.Azure.Http;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;

namespace Personalization.Azure.Handlers;

/// <summary>
/// The feedback side of the HTTP API: confirm or reject a concept in an image the owner uploaded
/// (<c>images/{owner}/{path}</c> in the cloud, the data folder under <c>personalize serve</c>). Its result, when recognition
/// has written one, gives the default box and the content hash that a photo replaced since must still match. Thread-safe.
/// </summary>
public sealed class FeedbackHandler(IUploadedPhotos photos, FeedbackService feedback)
{
    /// <param name="path">The image's validated path under the owner (see <see cref="BlobPaths.TryParseImage"/>).</param>
    /// <param name="box">The region; null takes the concept's box from the image's result.</param>
    /// <param name="contentHash">The bytes the caller saw; null takes the result's.</param>
    /// <exception cref="FeedbackException">Refused; nothing was changed.</exception>
    public async Task<FeedbackOutcome> ConfirmAsync(OwnerId owner, ConceptName name, string path, BoundingBox? box, string? contentHash, CancellationToken cancellationToken = default)
    {
        var (target, photo) = await ResolveAsync(owner, name, path, box, contentHash, cancellationToken).ConfigureAwait(false);
        return await feedback.ConfirmAsync(owner, target.Concept, photo, target.ConfirmBox, target.ContentHash, cancellationToken, boxIsHint: !target.Drawn).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ConfirmAsync"/>
    public async Task<FeedbackOutcome> RejectAsync(OwnerId owner, ConceptName name, string path, BoundingBox? box, string? contentHash, CancellationToken cancellationToken = default)
    {
        var (target, photo) = await ResolveAsync(owner, name, path, box, contentHash, cancellationToken).ConfigureAwait(false);
        return await feedback.RejectAsync(owner, target.Concept, photo, target.Box, target.ContentHash, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(FeedbackTarget Target, ImageSource Photo)> ResolveAsync(
        OwnerId owner, ConceptName name, string path, BoundingBox? box, string? contentHash, CancellationToken cancellationToken)
    {
        var bytes = await photos.ReadPhotoAsync(owner, path, cancellationToken).ConfigureAwait(false)
            ?? throw new FeedbackException(FeedbackFailure.UnknownPhoto, $"owner '{owner}' has no image '{path}'");
        var photo = ImageSource.FromBytes(BlobPaths.Image(owner, path), bytes);
        var result = await ReadResultAsync(owner, path, cancellationToken).ConfigureAwait(false);
        FeedbackTarget target;
        if (result is null)
        {
            target = box is null
                ? throw new FeedbackException(FeedbackFailure.NoRegion, $"'{path}' has no recognition result yet: give the box")
                : new FeedbackTarget(path, name, box, null);
        }
        else if (!FeedbackTarget.TryFromResult(result, owner, name, box, out var fromResult, out var error))
        {
            throw new FeedbackException(FeedbackFailure.NoRegion, $"'{path}': {error}");
        }
        else
        {
            target = fromResult;
        }

        return (contentHash is null ? target : target with { ContentHash = contentHash }, photo);
    }

    private async Task<ResultDocument?> ReadResultAsync(OwnerId owner, string path, CancellationToken cancellationToken)
    {
        if (await photos.ReadResultAsync(owner, path, cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ResultDocument>(text, StorageJson.Documents);
        }
        catch (JsonException e)
        {
            throw new FeedbackException(FeedbackFailure.NoRegion, $"the result for '{path}' cannot be read ({e.Message}); give the box");
        }
    }
}
