using Microsoft.Extensions.Hosting;

namespace Personalization.Azure.Workflows;

/// <summary>The host's stopping token, for activity classes (durable task activities get no token of their own).</summary>
public sealed class WorkerStopping(IHostApplicationLifetime lifetime)
{
    public CancellationToken Token => lifetime.ApplicationStopping;
}
