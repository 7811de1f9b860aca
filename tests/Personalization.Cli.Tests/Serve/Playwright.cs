using System.Diagnostics;

namespace Personalization.Cli.Tests.Serve;

/// <summary>Runs a node script that drives Chromium through playwright-core from the checkout's <c>.ci/node</c>.</summary>
internal static class Playwright
{
    public static string? Node { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "node"))
        .FirstOrDefault(File.Exists);

    /// <summary>The playwright-core package folder in the checkout's .ci/node, if installed.</summary>
    public static string? CorePackage { get; } = FindCorePackage();

    /// <summary>Runs <paramref name="script"/> with <paramref name="environment"/>; returns its exit code and output (a failure deadline of 10 minutes).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Node ?? throw new InvalidOperationException("node is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.Environment["PLAYWRIGHT_CORE"] = CorePackage ?? throw new InvalidOperationException("playwright-core is not installed");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the playwright script did not finish in 10 minutes: " + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindCorePackage()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                var package = Path.Combine(dir.FullName, ".ci", "node", "node_modules", "playwright-core");
                return File.Exists(Path.Combine(package, "package.json")) ? package : null;
            }
        }

        return null;
    }
}
