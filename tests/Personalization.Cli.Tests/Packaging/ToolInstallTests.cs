using System.Diagnostics;
using System.Text;

namespace Personalization.Cli.Tests.Packaging;

/// <summary>
/// The CLI ships as a .NET tool: <c>dotnet pack</c> of src/Personalization.Cli into a temporary folder, then
/// <c>dotnet tool install --tool-path</c> from that folder only (a nuget.config that clears every other source, so
/// nothing is fetched), then the installed <c>personalize</c> runs.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("personalize-tool-").FullName;

    [DotnetFact]
    public async Task PackAndInstall_FromTheLocalFolderOnly_InstalledPersonalizeRunsHelp()
    {
        var packages = Directory.CreateDirectory(Path.Combine(_root, "packages")).FullName;
        var tools = Path.Combine(_root, "tools");

        var pack = await RunAsync("dotnet", ["pack", Path.Combine(RepositoryRoot(), "src", "Personalization.Cli"), "-c", "Release", "-o", packages, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"]);
        Assert.True(pack.Exit == 0, "dotnet pack failed:\n" + pack.Output);
        Assert.Contains(Directory.GetFiles(packages, "*.nupkg"), p => Path.GetFileName(p).StartsWith("Personalization.Cli.", StringComparison.Ordinal));

        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "Personalization.Cli"]);
        Assert.True(install.Exit == 0, "dotnet tool install failed:\n" + install.Output);

        var personalize = Path.Combine(tools, OperatingSystem.IsWindows() ? "personalize.exe" : "personalize");
        Assert.True(File.Exists(personalize), "no personalize in " + tools);
        var help = await RunAsync(personalize, ["--help"]);
        Assert.True(help.Exit == 0, "personalize --help failed:\n" + help.Output);
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("demo", help.Output, StringComparison.Ordinal);

        // The native libraries the pipeline loads travel in the package (the tool is packed for linux-x64).
        var installed = string.Join('\n', Directory.GetFiles(Path.Combine(tools, ".store"), "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        foreach (var native in (string[])["libonnxruntime.so", "libSkiaSharp.so", "libOpenCvSharpExtern.so", "ResNet18.onnx"])
        {
            Assert.Contains(native, installed, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs a command to the end (at most 10 minutes) and returns its exit code with stdout and stderr.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No build server or MSBuild node may outlive the command: it would hold the output pipes open.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran past 10 minutes");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
