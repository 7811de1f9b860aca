using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Personalization.Azure.Http;

namespace Personalization.Cli.Serve;

/// <summary>
/// The HTTP API on Kestrel: the routes of the Functions app (<see cref="ApiRoutes"/>, under <c>/api/</c>), each a call to
/// the same handler the Functions trigger calls, whose action result is executed as the Functions host executes it.
/// </summary>
internal static class ApiEndpointRouteBuilderExtensions
{
    public static void MapPersonalizationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost(ApiRoutes.Concept, (HttpContext c, string owner, string name, ConceptEndpoints e) => Run(c, e.EnrollAsync(c.Request, owner, name, c.RequestAborted)));
        api.MapGet(ApiRoutes.Concepts, (HttpContext c, string owner, ConceptEndpoints e) => Run(c, e.ListAsync(c.Request, owner, c.RequestAborted)));
        api.MapDelete(ApiRoutes.Concept, (HttpContext c, string owner, string name, ConceptEndpoints e) => Run(c, e.DeleteAsync(c.Request, owner, name, c.RequestAborted)));
        api.MapGet(ApiRoutes.ConceptPhotos, (HttpContext c, string owner, string name, ConceptEndpoints e) => Run(c, e.FindPhotosAsync(c.Request, owner, name, c.RequestAborted)));
        api.MapPost(ApiRoutes.Confirm, (HttpContext c, string owner, string name, FeedbackEndpoints e) => Run(c, e.ConfirmAsync(c.Request, owner, name, c.RequestAborted)));
        api.MapPost(ApiRoutes.Reject, (HttpContext c, string owner, string name, FeedbackEndpoints e) => Run(c, e.RejectAsync(c.Request, owner, name, c.RequestAborted)));
        api.MapPost(ApiRoutes.Images, (HttpContext c, string owner, string? path, ImageEndpoints e) => Run(c, e.SubmitAsync(c.Request, owner, path ?? string.Empty, c.RequestAborted)));
        api.MapGet(ApiRoutes.Results, (HttpContext c, string owner, string? path, ImageEndpoints e) => Run(c, e.GetResultAsync(c.Request, owner, path ?? string.Empty, c.RequestAborted)));
        api.MapGet(ApiRoutes.Photos, (HttpContext c, string owner, string? path, ImageEndpoints e) => Run(c, e.GetPhotoAsync(c.Request, owner, path ?? string.Empty, c.RequestAborted)));
        api.MapGet(ApiRoutes.Gallery, (HttpContext c, string owner, ImageEndpoints e) => Run(c, e.GalleryAsync(c.Request, owner, c.RequestAborted)));
        api.MapGet(ApiRoutes.Reference, (HttpContext c, string owner, string hash, ImageEndpoints e) => Run(c, e.GetReferenceAsync(c.Request, owner, hash, c.RequestAborted)));
        api.MapGet(ApiRoutes.Job, (HttpContext c, string owner, string instanceId, ImageEndpoints e, IJobStatuses jobs) =>
            Run(c, e.GetStatusAsync(c.Request, owner, instanceId, jobs, c.RequestAborted)));
        api.MapPost(ApiRoutes.Preferences, (HttpContext c, string owner, PreferenceEndpoints e, IPreferenceJobs jobs) => Run(c, e.SubmitAsync(c.Request, owner, jobs, c.RequestAborted)));
        api.MapGet(ApiRoutes.PreferenceResult, (HttpContext c, string owner, string requestId, PreferenceEndpoints e) => Run(c, e.GetResultAsync(c.Request, owner, requestId, c.RequestAborted)));
        api.MapFallback((HttpContext c) => Run(c, Task.FromResult(ApiResults.Error(StatusCodes.Status404NotFound, "no such route"))));
    }

    private static async Task Run(HttpContext context, Task<IActionResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
    }
}
