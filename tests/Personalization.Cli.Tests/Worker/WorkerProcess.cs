using System.Diagnostics;
using System.Text;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Worker;

/// <summary>
/// <c>personalize worker</c> as a real child process (<c>dotnet personalize.dll</c> from this test's output folder),
/// for what only a process can be given: signals and <c>kill -9</c>. Its stderr (the worker's log) is collected;
/// waits are on conditions (a log line, the process's exit), each with a generous failure deadline only.
/// SIGINT and SIGTERM are reset to their defaults in the child (<c>env --default-signal</c>), since a test runner
/// started in the background of a shell inherits SIGINT ignored, and .NET keeps an ignored SIGINT ignored.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lines = new(0);

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Log
    {
        get
        {
            lock (_gate)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the worker on <paramref name="dataDirectory"/> and waits until it says it is watching.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string dataDirectory, params string[] settings)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo("env")
        {
            ArgumentList =
            {
                "--default-signal=INT,TERM", dotnet, Path.Combine(AppContext.BaseDirectory, "personalize.dll"),
                "worker", "--storage", connectionString, "--poll-ms", "100", "--data", dataDirectory, "--models", SharedData.ModelsDirectory,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(setting);
        }

        start.Environment["CI"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start personalize worker");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker.WaitForLogAsync("worker: watching");
        return worker;
    }

    /// <summary>Waits until the log holds <paramref name="text"/>; fails if the worker exits first or after a long deadline.</summary>
    public async Task WaitForLogAsync(string text)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                // The last lines may still be on their way: one more look after the streams are drained.
                await _process.WaitForExitAsync(deadline.Token);
                if (Log.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"the worker exited ({_process.ExitCode}) before logging '{text}':\n{Log}");
            }

            try
            {
                await _lines.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the worker did not log '{text}' within {Patience.TotalSeconds} s:\n{Log}");
            }
        }
    }

    /// <summary>Sends a signal with the <c>kill</c> command (e.g. "TERM", "INT", "KILL").</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end (the bound is a failure deadline, not the expectation) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the worker was still running {deadline.TotalSeconds} s after the signal:\n{Log}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.AppendLine(line);
        }

        _lines.Release();
    }
}
