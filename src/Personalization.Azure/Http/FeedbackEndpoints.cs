using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;

namespace Personalization.Azure.Http;

/// <summary>
/// The feedback part of the HTTP API: confirm or reject a concept in an image of the owner's, with a JSON body
/// <c>{"image": "trip/dog.jpg", "box": "x,y,width,height", "content_hash": "…"}</c>; the image is the path it was
/// submitted under (<c>owners/{owner}/images/{path}</c>), box and content hash default to its recognition result's.
/// Effective at once (200 with the concept's counts); refused feedback changes nothing (400, 404 or 409 with an error).
/// Thread-safe.
/// </summary>
public sealed class FeedbackEndpoints(FeedbackHandler feedback)
{
    /// <summary>A feedback body is a few short strings.</summary>
    private const long MaxBodyBytes = 64 * 1024;

    public Task<IActionResult> ConfirmAsync(HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        GiveAsync(request, owner, name, feedback.ConfirmAsync, cancellationToken);

    public Task<IActionResult> RejectAsync(HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        GiveAsync(request, owner, name, feedback.RejectAsync, cancellationToken);

    private static async Task<IActionResult> GiveAsync(
        HttpRequest request, string owner, string name,
        Func<OwnerId, ConceptName, string, BoundingBox?, string?, CancellationToken, Task<FeedbackOutcome>> give, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return ApiResults.BadRequest(error);
        }

        var (bytes, bad) = await UploadLimits.ReadBodyAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return bad!;
        }

        FeedbackBody? body;
        try
        {
            body = JsonSerializer.Deserialize<FeedbackBody>(bytes, StorageJson.Messages);
        }
        catch (JsonException e)
        {
            return ApiResults.BadRequest($"malformed JSON: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(body?.Image))
        {
            return ApiResults.BadRequest("give \"image\": the path the image was submitted under (owners/{owner}/images/{path})");
        }

        if (!RouteImagePath.TryParse(owner, body.Image, out _, out var path, out error))
        {
            return ApiResults.BadRequest(error);
        }

        BoundingBox? box = null;
        if (body.Box is not null && !BoundingBox.TryParse(body.Box, out box, out error))
        {
            return ApiResults.BadRequest(error);
        }

        try
        {
            var outcome = await give(id, concept, path, box, body.ContentHash, cancellationToken).ConfigureAwait(false);
            var c = outcome.Concept;
            return ApiResults.Ok(new
            {
                concept = c.Name.Value,
                changed = outcome.Changed,
                contentHash = outcome.ContentHash,
                isReference = outcome.IsReference,
                references = c.References.Count,
                confirmed = c.References.Count(r => r.Origin == ReferenceOrigins.Confirmed),
                negatives = c.Negatives?.Count ?? 0,
                droppedReferences = outcome.DroppedReferences,
                droppedNegatives = outcome.DroppedNegatives,
            });
        }
        catch (FeedbackException e)
        {
            var status = e.Failure switch
            {
                FeedbackFailure.UnknownConcept or FeedbackFailure.UnknownPhoto => StatusCodes.Status404NotFound,
                FeedbackFailure.PhotoChanged or FeedbackFailure.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return ApiResults.Error(status, e.Message);
        }
    }

    /// <summary>The request body; read leniently (any casing).</summary>
    private sealed record FeedbackBody(string? Image, string? Box, string? ContentHash);
}
