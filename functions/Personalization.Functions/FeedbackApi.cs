using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Personalization.Azure.Handlers;
using Personalization.Azure.Storage;
using Personalization.Core.Domain;
using Personalization.Core.Feedback;

namespace Personalization.Functions;

/// <summary>
/// The feedback part of the HTTP API: confirm or reject a concept in an image of the owner's, with a JSON body
/// <c>{"image": "trip/dog.jpg", "box": "x,y,width,height", "content_hash": "…"}</c>; the image is the path it was
/// submitted under (<c>owners/{owner}/images/{path}</c>), box and content hash default to its recognition result's.
/// Effective at once (200 with the concept's counts); refused feedback changes nothing (400, 404 or 409 with an error).
/// </summary>
public sealed class FeedbackApi(FeedbackHandler feedback)
{
    [Function(nameof(ConfirmConcept))]
    public Task<IActionResult> ConfirmConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/concepts/{name}/confirm")] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        GiveAsync(request, owner, name, feedback.ConfirmAsync, cancellationToken);

    [Function(nameof(RejectConcept))]
    public Task<IActionResult> RejectConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "owners/{owner}/concepts/{name}/reject")] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        GiveAsync(request, owner, name, feedback.RejectAsync, cancellationToken);

    private static async Task<IActionResult> GiveAsync(
        HttpRequest request, string owner, string name,
        Func<OwnerId, ConceptName, string, BoundingBox?, string?, CancellationToken, Task<FeedbackOutcome>> give, CancellationToken cancellationToken)
    {
        if (!OwnerId.TryParse(owner, out var id, out var error) || !ConceptName.TryParse(name, out var concept, out error))
        {
            return new BadRequestObjectResult(new { error });
        }

        FeedbackBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<FeedbackBody>(request.Body, StorageJson.Messages, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return new BadRequestObjectResult(new { error = $"malformed JSON: {e.Message}" });
        }

        if (string.IsNullOrWhiteSpace(body?.Image))
        {
            return new BadRequestObjectResult(new { error = "give \"image\": the path the image was submitted under (owners/{owner}/images/{path})" });
        }

        if (!HttpApi.TryParseRouteImage(owner, body.Image, out _, out var path, out error))
        {
            return new BadRequestObjectResult(new { error });
        }

        BoundingBox? box = null;
        if (body.Box is not null && !BoundingBox.TryParse(body.Box, out box, out error))
        {
            return new BadRequestObjectResult(new { error });
        }

        try
        {
            var outcome = await give(id, concept, path, box, body.ContentHash, cancellationToken).ConfigureAwait(false);
            var c = outcome.Concept;
            return new OkObjectResult(new
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
            return new ObjectResult(new { error = e.Message }) { StatusCode = status };
        }
    }

    /// <summary>The request body; read leniently (any casing).</summary>
    private sealed record FeedbackBody(string? Image, string? Box, string? ContentHash);
}
