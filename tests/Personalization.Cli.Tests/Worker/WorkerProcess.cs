using Personalization.Cli.Tests.Processes;

namespace Personalization.Cli.Tests.Worker;

/// <summary><c>personalize worker</c> as a real child process, started until it says it is watching.</summary>
internal sealed class WorkerProcess : PersonalizeProcess
{
    private WorkerProcess(IEnumerable<string> args)
        : base("the worker", args)
    {
    }

    /// <summary>Starts the worker on <paramref name="dataDirectory"/> and waits until it says it is watching.</summary>
    public static async Task<WorkerProcess> StartAsync(string connectionString, string dataDirectory, params string[] settings)
    {
        var worker = new WorkerProcess(["worker", "--storage", connectionString, "--poll-ms", "100", "--data", dataDirectory, .. settings.SelectMany(s => new[] { "--set", s })]);
        await worker.WaitForLogAsync("worker: watching");
        return worker;
    }
}
