using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Personalization.Cli.Worker;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize worker</c>: the Functions app's event-driven flow without <c>func</c>. Watches the containers
/// and the request queues in a storage account (Azurite locally) and runs the same handlers and orchestrations in
/// process, until stopped by Ctrl+C (SIGINT) or SIGTERM, then exits 0 within <see cref="WorkerOptions.ShutdownSeconds"/>.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>
    /// The in-memory durable backend runs at most <see cref="Environment.ProcessorCount"/> orchestration and activity
    /// work items at once and, when that many are in flight, waits 500 ms before fetching more; below this many
    /// "processors" the short chain steps queue behind that wait (see README, Speed of the worker).
    /// </summary>
    private const int SuggestedProcessorCount = 16;

    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var storage = new Option<string>("--storage")
        {
            Description = "Storage connection string (UseDevelopmentStorage=true is Azurite on 127.0.0.1).",
            DefaultValueFactory = _ => "UseDevelopmentStorage=true",
        };
        var poll = new Option<int?>("--poll-ms") { Description = "Polling interval when idle, in milliseconds (default 500)." };
        var command = new Command("worker", "Runs the blob-triggered enrolment and recognition, and bulk and preference requests, against Azurite or a storage account, in process.")
        {
            storage, poll,
        };
        command.SetAction((parse, ct) =>
        {
            var overrides = new Dictionary<string, string?> { ["Storage:ConnectionString"] = parse.GetValue(storage) };
            if (parse.GetValue(poll) is { } ms)
            {
                overrides["Worker:PollMilliseconds"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return CommandRunner.RunHostAsync(parse, globals, console, async (host, token) =>
            {
                await host.StartAsync(token).ConfigureAwait(false);
                await console.Error.WriteLineAsync("worker: watching concepts/, images/ and the bulk-requests and preference-requests queues; Ctrl+C stops").ConfigureAwait(false);
                if (Environment.ProcessorCount < SuggestedProcessorCount)
                {
                    await console.Error.WriteLineAsync(
                        $"worker: the in-process durable backend runs {Environment.ProcessorCount} work items at a time here; " +
                        $"start with DOTNET_PROCESSOR_COUNT={SuggestedProcessorCount} for about 10x the throughput (README, Speed of the worker)").ConfigureAwait(false);
                }

                // SIGINT and SIGTERM reach the host's console lifetime (StopApplication), the command line's token
                // the rest (a caller that cancels); either way the watchers stop taking work and the host stops within
                // Worker:ShutdownSeconds: what is in flight finishes or is abandoned, to be retried.
                await host.WaitForShutdownAsync(token).ConfigureAwait(false);
                await console.Error.WriteLineAsync("worker: stopped").ConfigureAwait(false);
                return ExitCodes.Success;
            }, ct, overrides, b => b.AddLocalWorker());
        });
        return command;
    }
}
