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
    /// exits (the host's shutdown timeout). Abandoned work is retried: its queue message is put back at once, its blob
    /// is offered again at the next start.
    /// </summary>
    [Range(1, 300)]
    public int ShutdownSeconds { get; set; } = 5;

    /// <summary>
    /// A request message is invisible to other receivers this long after each renewal while its orchestration runs
    /// (renewed every third of it); if the worker dies, the message is delivered again this long after the last renewal.
    /// </summary>
    [Range(3, 600)]
    public int LeaseSeconds { get; set; } = 30;
}
