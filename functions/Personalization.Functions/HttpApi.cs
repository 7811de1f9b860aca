using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;
using Personalization.Azure.Http;
using Personalization.Core.Domain;

namespace Personalization.Functions;

/// <summary>
/// The HTTP API (function keys in Azure): triggers over the handlers in <c>Personalization.Azure.Http</c>, which
/// <c>personalize serve</c> hosts on Kestrel too. The owner is the validated <c>{owner}</c> route value and scopes every
/// call: index queries filter by it, blobs live under it, and a job's status is shown only to the owner that started it.
/// </summary>
public sealed class HttpApi(ConceptEndpoints concepts, ImageEndpoints images, BulkRequestHandler bulk, Microsoft.Extensions.Options.IOptions<BulkOptions> bulkOptions)
{
    [Function(nameof(EnrollConcept))]
    public Task<IActionResult> EnrollConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Concept)] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        concepts.EnrollAsync(request, owner, name, cancellationToken);

    [Function(nameof(ListConcepts))]
    public Task<IActionResult> ListConcepts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Concepts)] HttpRequest request, string owner, CancellationToken cancellationToken) =>
        concepts.ListAsync(request, owner, cancellationToken);

    [Function(nameof(DeleteConcept))]
    public Task<IActionResult> DeleteConcept(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Concept)] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        concepts.DeleteAsync(request, owner, name, cancellationToken);

    [Function(nameof(FindConceptPhotos))]
    public Task<IActionResult> FindConceptPhotos(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ConceptPhotos)] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        concepts.FindPhotosAsync(request, owner, name, cancellationToken);

    [Function(nameof(SubmitImage))]
    public Task<IActionResult> SubmitImage(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Images)] HttpRequest request, string owner, string path, CancellationToken cancellationToken) =>
        images.SubmitAsync(request, owner, path, cancellationToken);

    [Function(nameof(SubmitBulk))]
    public async Task<IActionResult> SubmitBulk(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/bulk")] HttpRequest request, string owner,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var (text, bad) = await OwnedJson.ReadAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return bad!;
        }

        if (!BulkRequestParser.TryParse(text, bulkOptions.Value, out _, out var reason))
        {
            return ApiResults.BadRequest(reason);
        }

        var accepted = await bulk.HandleAsync(text, client, cancellationToken).ConfigureAwait(false);
        return ApiResults.Accepted($"owners/{id}/jobs/{accepted.InstanceId}", new { instanceId = accepted.InstanceId });
    }

    [Function(nameof(GetStatus))]
    public Task<IActionResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Job)] HttpRequest request, string owner, string instanceId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        images.GetStatusAsync(request, owner, instanceId, new DurableJobStatuses(client), cancellationToken);

    [Function(nameof(GetResult))]
    public Task<IActionResult> GetResult(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Results)] HttpRequest request, string owner, string path, CancellationToken cancellationToken) =>
        images.GetResultAsync(request, owner, path, cancellationToken);

    [Function(nameof(GetPhoto))]
    public Task<IActionResult> GetPhoto(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Photos)] HttpRequest request, string owner, string path, CancellationToken cancellationToken) =>
        images.GetPhotoAsync(request, owner, path, cancellationToken);

    [Function(nameof(GetGallery))]
    public Task<IActionResult> GetGallery(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Gallery)] HttpRequest request, string owner, CancellationToken cancellationToken) =>
        images.GalleryAsync(request, owner, cancellationToken);
}
