using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>
/// The preference part of the HTTP API, hosted by the Functions app and by <c>personalize serve</c>: submit a PreferThinker
/// request (the JSON of a <c>preference-requests</c> message, its owner taken from the route; image paths are those the
/// owner submitted photos under) and read its verdicts. Status is <c>GET owners/{owner}/jobs/{instanceId}</c>. Thread-safe.
/// </summary>
public sealed class PreferenceEndpoints(IUploadedPhotos photos, IOptions<PreferenceRequestOptions> options)
{
    /// <summary>Where a request's verdicts are written, as a result path under the owner.</summary>
    public static string ResultPath(string requestId) => $"_preferences/{requestId}";

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string owner, IPreferenceJobs jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var (text, bad) = await OwnedJson.ReadAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return bad!;
        }

        if (!PreferenceRequestParser.TryParse(text, options.Value, out var parsed, out var reason))
        {
            return ApiResults.BadRequest(reason);
        }

        var instanceId = await jobs.StartAsync(parsed!, cancellationToken).ConfigureAwait(false);
        return ApiResults.Accepted($"owners/{id}/jobs/{instanceId}", new { instanceId, requestId = parsed!.RequestId, result = $"owners/{id}/preferences/{parsed.RequestId}" });
    }

    public async Task<IActionResult> GetResultAsync(HttpRequest request, string owner, string requestId, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        if (!PreferenceRequestParser.IsValidRequestId(requestId))
        {
            return ApiResults.BadRequest("not a valid request id");
        }

        return await photos.ReadResultAsync(id, ResultPath(requestId), cancellationToken).ConfigureAwait(false) is { } json
            ? new ContentResult { Content = json, ContentType = "application/json", StatusCode = 200 }
            : new NotFoundResult();
    }
}
