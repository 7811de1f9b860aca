using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Personalization.Core.Domain;

namespace Personalization.Functions;

/// <summary>The JSON in and out of the HTTP API: request bodies that name their owner by route, result blobs.</summary>
internal static class HttpJson
{
    /// <summary>
    /// The body as a JSON object with its <c>owner</c> set to the route's owner (whatever the body said), as the
    /// text a queue message would carry; or a 400 when the body is not a JSON object.
    /// </summary>
    public static async Task<(string? Text, IActionResult? Error)> ReadOwnedRequestAsync(HttpRequest request, OwnerId owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonObject body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (JsonException e)
        {
            return (null, new BadRequestObjectResult(new { error = $"malformed JSON: {e.Message}" }));
        }

        body["owner"] = owner.Value;
        return (body.ToJsonString(), null);
    }

    /// <summary>A JSON blob as a 200 <c>application/json</c> response, or 404 when there is none.</summary>
    public static async Task<IActionResult> BlobAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new ContentResult { Content = content.Value.Content.ToString(), ContentType = "application/json", StatusCode = 200 };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new NotFoundResult();
        }
    }
}
