using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Personalization.Cli.Worker;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize worker</c>: the Functions app's event-driven flow without <c>func</c>. Watches the containers
/// and the bulk queue in a storage account (Azurite locally) and runs the same handlers and orchestrations in
/// process, until stopped (Ctrl+C).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var storage = new Option<string>("--storage")
        {
            Description = "Storage connection string (default: UseDevelopmentStorage=true, i.e. Azurite on 127.0.0.1).",
            DefaultValueFactory = _ => "UseDevelopmentStorage=true",
        };
        var poll = new Option<int?>("--poll-ms") { Description = "Polling interval when idle, in milliseconds (default 500)." };
        var command = new Command("worker", "Runs the blob-triggered enrolment and recognition, and bulk requests, against Azurite or a storage account, in process.")
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
                await console.Error.WriteLineAsync("worker: watching concepts/, images/ and the bulk-requests queue; Ctrl+C stops").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Stopping is the normal end of a worker.
                }

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return ExitCodes.Success;
            }, ct, overrides, b => b.AddLocalWorker());
        });
        return command;
    }
}
