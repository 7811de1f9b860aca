using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Personalization.Core.Domain;
using Personalization.Core.Ports;

namespace Personalization.Azure.Http;

/// <summary>
/// The photo part of the HTTP API, hosted by the Functions app and by <c>personalize serve</c>: submit a photo to recognise,
/// its job's status, its result, its bytes, the owner's gallery and reference photos. Every path is checked by
/// <see cref="RouteImagePath"/> before it names a blob or a file; every read is scoped to the route's owner. Thread-safe.
/// </summary>
public sealed class ImageEndpoints(IPhotoSubmissions submissions, IUploadedPhotos photos, IImageIndex images, IConceptIndex concepts, IImageStore store)
{
    public async Task<IActionResult> SubmitAsync(HttpRequest request, string owner, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteImagePath.TryParse(owner, path, out var id, out var imagePath, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var (bytes, bad) = await UploadLimits.ReadBodyAsync(request, UploadLimits.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return bad!;
        }

        if (bytes.Length == 0)
        {
            return ApiResults.BadRequest("the body is empty: send the photo's bytes");
        }

        var instanceId = await submissions.SubmitAsync(id, imagePath, bytes, cancellationToken).ConfigureAwait(false);
        return ApiResults.Accepted($"owners/{id}/jobs/{instanceId}", new { instanceId, result = $"owners/{id}/results/{imagePath}" });
    }

    public async Task<IActionResult> GetStatusAsync(HttpRequest request, string owner, string instanceId, IJobStatuses jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        if (await jobs.GetAsync(id, instanceId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return new NotFoundResult();
        }

        return ApiResults.Ok(new { instanceId = job.InstanceId, status = job.Status, progress = job.Progress, output = job.Output, error = job.Error });
    }

    public async Task<IActionResult> GetResultAsync(HttpRequest request, string owner, string path, CancellationToken cancellationToken)
    {
        if (!RouteImagePath.TryParse(owner, path, out var id, out var imagePath, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        return await photos.ReadResultAsync(id, imagePath, cancellationToken).ConfigureAwait(false) is { } json
            ? new ContentResult { Content = json, ContentType = "application/json", StatusCode = 200 }
            : new NotFoundResult();
    }

    /// <summary>The submitted photo's bytes, typed by their signature (never by the name the client chose).</summary>
    public async Task<IActionResult> GetPhotoAsync(HttpRequest request, string owner, string path, CancellationToken cancellationToken)
    {
        if (!RouteImagePath.TryParse(owner, path, out var id, out var imagePath, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        return await photos.ReadPhotoAsync(id, imagePath, cancellationToken).ConfigureAwait(false) is { } bytes
            ? new FileContentResult(bytes.ToArray(), ImageTypes.Of(bytes.Span))
            : new NotFoundResult();
    }

    /// <summary>A reference photo of one of the owner's concepts, by content hash (the <c>photos</c> of a listed concept).</summary>
    public async Task<IActionResult> GetReferenceAsync(HttpRequest request, string owner, string hash, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigit))
        {
            return ApiResults.BadRequest("not a content hash");
        }

        return await store.GetAsync(id, hash, cancellationToken).ConfigureAwait(false) is { } bytes
            ? new FileContentResult(bytes.ToArray(), ImageTypes.Of(bytes.Span))
            : new NotFoundResult();
    }

    /// <summary>Every recognised photo of the owner's, with the concepts (still enrolled) found in each and their boxes.</summary>
    public async Task<IActionResult> GalleryAsync(HttpRequest request, string owner, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var found = await images.FindEnrolledAsync(concepts, id, null, cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(found.Select(PhotoJson.Of));
    }
}
