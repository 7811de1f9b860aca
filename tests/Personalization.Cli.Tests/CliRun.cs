using Personalization.TestSupport;

namespace Personalization.Cli.Tests;

/// <summary>Runs the real CLI in process against a temporary data folder and ../shared's models.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        DataDirectory = Directory.CreateTempSubdirectory("personalize-data-").FullName;
        OutDirectory = Directory.CreateTempSubdirectory("personalize-out-").FullName;
    }

    public string DataDirectory { get; }

    public string OutDirectory { get; }

    public async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<(int Exit, string Out, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] all = [.. args, "--data", DataDirectory, "--models", SharedData.ModelsDirectory];
        var exit = await CliApplication.RunAsync(all, stdout, stderr, cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string DreamBooth(string subject, string file) => Path.Combine(SharedData.DreamBoothDirectory, subject, file);

    public void Dispose()
    {
        Directory.Delete(DataDirectory, recursive: true);
        Directory.Delete(OutDirectory, recursive: true);
    }
}
