using System.Diagnostics;
using System.Text;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Processes;

/// <summary>
/// <c>personalize</c> as a real child process (<c>dotnet personalize.dll</c> from this test's output folder, with the
/// models folder), for what only a process can be given: signals, <c>kill -9</c>, a port of its own. Its output is
/// collected; waits are on conditions (a log line, the process's exit), each with a generous failure deadline only. SIGINT
/// and SIGTERM are reset to their defaults in the child (<c>env --default-signal</c>), since a test runner started in the
/// background of a shell inherits SIGINT ignored, and .NET keeps an ignored SIGINT ignored.
/// </summary>
internal class PersonalizeProcess : IAsyncDisposable
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lines = new(0);

    /// <summary>Starts <c>personalize ARGS --models …</c>; <paramref name="name"/> names it in failure messages.</summary>
    protected PersonalizeProcess(string name, IEnumerable<string> args)
    {
        Name = name;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--default-signal=INT,TERM", dotnet, Path.Combine(AppContext.BaseDirectory, "personalize.dll"), .. args, "--models", SharedData.ModelsDirectory])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CI"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

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

    /// <summary>Waits until a log line holds <paramref name="text"/> and returns that line; fails if the process exits first.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            if (FindLine(text) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                // The last lines may still be on their way: one more look after the streams are drained.
                await _process.WaitForExitAsync(deadline.Token);
                return FindLine(text) ?? throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before logging '{text}':\n{Log}");
            }

            try
            {
                await _lines.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not log '{text}' within {Patience.TotalSeconds} s:\n{Log}");
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
    public async Task<int> WaitForExitAsync(TimeSpan? deadline = null)
    {
        var bound = deadline ?? Patience;
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} was still running after {bound.TotalSeconds} s:\n{Log}");
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
        GC.SuppressFinalize(this);
    }

    private string? FindLine(string text) => Log.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))?.TrimEnd('\r');

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
