using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;

namespace Personalization.Functions;

/// <summary>
/// The preference part of the HTTP API: submit a PreferThinker request (the same JSON as a <c>preference-requests</c>
/// message, its owner taken from the route) and read its verdicts. Status is <c>GET owners/{owner}/jobs/{instanceId}</c>.
/// </summary>
public sealed class PreferenceApi(PreferenceRequestHandler preferences, StorageClients storage, IOptions<PreferenceRequestOptions> options)
{
    [Function(nameof(SubmitPreferences))]
    public async Task<IActionResult> SubmitPreferences(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/preferences")] HttpRequest request, string owner,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        var (text, bad) = await HttpJson.ReadOwnedRequestAsync(request, id, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return bad!;
        }

        if (!PreferenceRequestParser.TryParse(text, options.Value, out var parsed, out var reason))
        {
            return new BadRequestObjectResult(new { error = reason });
        }

        var accepted = await preferences.StartAsync(parsed!, client, cancellationToken).ConfigureAwait(false);
        return new AcceptedResult($"owners/{id}/jobs/{accepted.InstanceId}", new { instanceId = accepted.InstanceId, requestId = parsed!.RequestId, result = $"owners/{id}/preferences/{parsed.RequestId}" });
    }

    [Function(nameof(GetPreferenceResult))]
    public async Task<IActionResult> GetPreferenceResult(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "owners/{owner}/preferences/{requestId}")] HttpRequest request, string owner, string requestId, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        if (!PreferenceRequestParser.IsValidRequestId(requestId))
        {
            return new BadRequestObjectResult(new { error = "not a valid request id" });
        }

        return await HttpJson.BlobAsync(storage.Results, BlobPaths.PreferenceResult(id, requestId), cancellationToken).ConfigureAwait(false);
    }
}
