using System.Text.RegularExpressions;
using Personalization.Cli.Tests.Processes;

namespace Personalization.Cli.Tests.Serve;

/// <summary>
/// <c>personalize serve</c> as a real child process on a free port (<c>--urls http://127.0.0.1:0</c>; the address is read
/// from its "listening on" line), over a data folder of its own. Waits are on conditions (a log line, the process's exit),
/// each with a generous failure deadline only. SIGINT and SIGTERM are reset to their defaults in the child, as for the worker.
/// </summary>
internal sealed partial class ServeProcess : PersonalizeProcess
{
    private ServeProcess(string dataDirectory, IEnumerable<string> args)
        : base("personalize", args)
    {
        DataDirectory = dataDirectory;
    }

    public Uri BaseUri { get; private set; } = null!;

    public string DataDirectory { get; }

    /// <summary>Starts <c>serve</c> with <paramref name="args"/> and waits until it listens (or fails if it exits first).</summary>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, params string[] args)
    {
        var serve = Launch(dataDirectory, ["serve", "--urls", "http://127.0.0.1:0", .. args]);
        var line = await serve.WaitForLogAsync("serve: listening on ");
        serve.BaseUri = new Uri(Address().Match(line).Value + "/");
        return serve;
    }

    /// <summary>Starts <c>personalize</c> with any arguments (plus the data and models folders), without waiting for anything.</summary>
    public static ServeProcess Launch(string dataDirectory, IReadOnlyList<string> args) => new(dataDirectory, [.. args, "--data", dataDirectory]);

    [GeneratedRegex(@"http://[0-9.]+:[0-9]+")]
    private static partial Regex Address();
}
