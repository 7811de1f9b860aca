using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// <c>personalize serve</c> as a real child process on a free port (<c>--urls http://127.0.0.1:0</c>; the address is read
/// from its "listening on" line), over a data folder of its own. Waits are on conditions (a log line, the process's exit),
/// each with a generous failure deadline only. SIGINT and SIGTERM are reset to their defaults in the child, as for the worker.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lines = new(0);

    private ServeProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public Uri BaseUri { get; private set; } = null!;

    public string DataDirectory { get; }

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

    /// <summary>Starts <c>serve</c> with <paramref name="args"/> and waits until it listens (or fails if it exits first).</summary>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, params string[] args)
    {
        var serve = Launch(dataDirectory, ["serve", "--urls", "http://127.0.0.1:0", .. args]);
        var line = await serve.WaitForLogAsync("serve: listening on ");
        serve.BaseUri = new Uri(Address().Match(line).Value + "/");
        return serve;
    }

    /// <summary>Starts <c>personalize</c> with any arguments (plus the data and models folders), without waiting for anything.</summary>
    public static ServeProcess Launch(string dataDirectory, IReadOnlyList<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--default-signal=INT,TERM", dotnet, Path.Combine(AppContext.BaseDirectory, "personalize.dll"), .. args, "--data", dataDirectory, "--models", SharedData.ModelsDirectory])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CI"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start personalize");
        var serve = new ServeProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits until a log line holds <paramref name="text"/> and returns that line.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Log.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(deadline.Token);
                if (Log.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } last)
                {
                    return last;
                }

                throw new InvalidOperationException($"personalize exited ({_process.ExitCode}) before logging '{text}':\n{Log}");
            }

            try
            {
                await _lines.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"personalize did not log '{text}' within {Patience.TotalSeconds} s:\n{Log}");
            }
        }
    }

    /// <summary>Sends a signal with the <c>kill</c> command (e.g. "TERM", "INT").</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end (the bound is a failure deadline) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"personalize was still running after {Patience.TotalSeconds} s:\n{Log}");
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

    [GeneratedRegex(@"http://[0-9.]+:[0-9]+")]
    private static partial Regex Address();
}
