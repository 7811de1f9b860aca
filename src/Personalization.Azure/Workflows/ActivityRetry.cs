using Microsoft.DurableTask;

namespace Personalization.Azure.Workflows;

/// <summary>Retries come from a policy, not hand-written loops: transient storage, search or model failures.</summary>
public static class ActivityRetry
{
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
