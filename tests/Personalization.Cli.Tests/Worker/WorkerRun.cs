using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Worker;

/// <summary>Runs <c>personalize worker</c> in process on a temporary data folder until disposed.</summary>
internal sealed class WorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly CliRun _cli = new();
    private Task<int>? _run;

    public static Task<WorkerRun> StartAsync(string connectionString)
    {
        var run = new WorkerRun();
        run._run = CliApplication.RunAsync(
            ["worker", "--storage", connectionString, "--poll-ms", "100", "--data", run._cli.DataDirectory, "--models", SharedData.ModelsDirectory],
            run._out, run._error, run._stop.Token);
        return Task.FromResult(run);
    }

    /// <summary>Waits until the owner has at least <paramref name="count"/> concepts in the worker's index.</summary>
    public async Task WaitForConceptsAsync(string owner, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_run!.IsCompleted)
            {
                throw new InvalidOperationException($"the worker stopped (exit {await _run}): {_error}");
            }

            var (exit, output, _) = await _cli.RunAsync("concepts", "--owner", owner);
            if (exit == 0 && output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains('<', StringComparison.Ordinal)) >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{owner} did not get {count} concepts; worker log: {_error}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _stop.Dispose();
        _cli.Dispose();
    }
}
