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

    /// <summary>
    /// After SIGINT or SIGTERM, how long in-flight work may take to finish before it is abandoned and the worker
    /// exits (the host's shutdown timeout). Abandoned work is retried: its queue message reappears, its blob is
    /// offered again at the next start.
    /// </summary>
    [Range(1, 300)]
    public int ShutdownSeconds { get; set; } = 5;
}
