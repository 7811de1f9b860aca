using System.Diagnostics;
using System.Runtime.Versioning;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Input;

/// <summary>
/// Runs the CLI in a child process as the user <c>nobody</c> (via <c>setpriv</c>), for the tests that need file permissions
/// to apply when the tests themselves run as root. The run's data and output folders (and <paramref name="root"/>, above
/// the test's files) are opened to that user first.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class UnprivilegedCli
{
    private const string Nobody = "65534";

    public static async Task<(int Exit, string Out, string Error)> RunAsync(CliRun cli, string root, params string[] args)
    {
        foreach (var folder in new[] { cli.DataDirectory, cli.OutDirectory })
        {
            OpenToEveryone(folder);
        }

        File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        string[] command =
        [
            $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--",
            Environment.ProcessPath!, "exec", typeof(CliApplication).Assembly.Location,
            .. args, "--data", cli.DataDirectory, "--models", SharedData.ModelsDirectory,
        ];
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = cli.OutDirectory;
        start.Environment["DOTNET_CLI_HOME"] = cli.OutDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("setpriv did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static void OpenToEveryone(string folder)
    {
        const UnixFileMode All = (UnixFileMode)0x1FF; // rwxrwxrwx
        File.SetUnixFileMode(folder, All);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(entry, All);
        }
    }
}
