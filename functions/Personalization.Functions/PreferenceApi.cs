using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;
using Personalization.Azure.Http;

namespace Personalization.Functions;

/// <summary>
/// The preference part of the HTTP API (<see cref="PreferenceEndpoints"/>): submit a PreferThinker request and read its
/// verdicts; the request starts the preference orchestration. Status is <c>GET owners/{owner}/jobs/{instanceId}</c>.
/// </summary>
public sealed class PreferenceApi(PreferenceEndpoints preferences, PreferenceRequestHandler handler)
{
    [Function(nameof(SubmitPreferences))]
    public Task<IActionResult> SubmitPreferences(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Preferences)] HttpRequest request, string owner,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        preferences.SubmitAsync(request, owner, new DurablePreferenceJobs(handler, client), cancellationToken);

    [Function(nameof(GetPreferenceResult))]
    public Task<IActionResult> GetPreferenceResult(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.PreferenceResult)] HttpRequest request, string owner, string requestId, CancellationToken cancellationToken) =>
        preferences.GetResultAsync(request, owner, requestId, cancellationToken);
}
