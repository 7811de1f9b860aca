using System.Diagnostics;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests;

/// <summary>
/// Runs the built <c>personalize</c> CLI as a child process (its own runtime, its own locks) against a data folder,
/// for tests about what separate processes do to the same data.
/// </summary>
internal static class CliProcess
{
    /// <summary>The CLI assembly that the build copies beside the tests.</summary>
    private static string Assembly => Path.Combine(AppContext.BaseDirectory, "personalize.dll");

    /// <summary>Starts <c>personalize</c> with <paramref name="args"/> plus the data and models folders; the process is running when this returns.</summary>
    public static Process Start(string dataDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Assembly);
        foreach (var arg in (string[])[.. args, "--data", dataDirectory, "--models", SharedData.ModelsDirectory])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Waits for the process to exit and returns its exit code and output.</summary>
    public static async Task<(int Exit, string Out, string Error)> WaitAsync(Process process, CancellationToken cancellationToken = default)
    {
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
