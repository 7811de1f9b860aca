using Microsoft.DurableTask.Client;
using Personalization.Azure.Handlers;
using Personalization.Azure.Workflows;

namespace Personalization.Azure.Http;

/// <summary>The cloud's <see cref="IPreferenceJobs"/>: the preference orchestration, made per call around the client the host binds. Thread-safe.</summary>
public sealed class DurablePreferenceJobs(PreferenceRequestHandler handler, DurableTaskClient client) : IPreferenceJobs
{
    public async Task<string> StartAsync(PreferenceRequest request, CancellationToken cancellationToken = default) =>
        (await handler.StartAsync(request, client, cancellationToken).ConfigureAwait(false)).InstanceId!;
}
