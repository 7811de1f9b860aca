using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Personalization.Core.Domain;

namespace Personalization.Azure.Http;

/// <summary>Request bodies that name their owner by route: the JSON object with its <c>owner</c> set to the route's.</summary>
public static class OwnedJson
{
    /// <summary>A request body is a short JSON document.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The body as a JSON object with its <c>owner</c> set to the route's owner (whatever the body said), as the text a
    /// queue message would carry; or a 400 when the body is not a JSON object, a 413 when it is too large.
    /// </summary>
    public static async Task<(string? Text, IActionResult? Error)> ReadAsync(HttpRequest request, OwnerId owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (bytes, bad) = await UploadLimits.ReadBodyAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, bad);
        }

        JsonObject body;
        try
        {
            body = JsonSerializer.Deserialize<JsonObject>(bytes) ?? [];
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest($"malformed JSON: {e.Message}"));
        }

        body["owner"] = owner.Value;
        return (body.ToJsonString(), null);
    }
}
