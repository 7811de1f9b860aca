using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Personalization.Azure.Http;

namespace Personalization.Functions;

/// <summary>The feedback part of the HTTP API (<see cref="FeedbackEndpoints"/>): confirm or reject a concept in an image of the owner's.</summary>
public sealed class FeedbackApi(FeedbackEndpoints feedback)
{
    [Function(nameof(ConfirmConcept))]
    public Task<IActionResult> ConfirmConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Confirm)] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        feedback.ConfirmAsync(request, owner, name, cancellationToken);

    [Function(nameof(RejectConcept))]
    public Task<IActionResult> RejectConcept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Reject)] HttpRequest request, string owner, string name, CancellationToken cancellationToken) =>
        feedback.RejectAsync(request, owner, name, cancellationToken);
}
