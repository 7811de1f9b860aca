using System.ComponentModel.DataAnnotations;

namespace Personalization.Cli.Worker;

/// <summary>The local worker (configuration section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>How often the containers and the queue are polled when idle.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>A blob or message whose handler keeps failing is given up (blob) or poisoned (message) after this many tries.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;
}
