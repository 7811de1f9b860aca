using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.Models.Onnx;

namespace Personalization.Cli.Commands;

/// <summary>Runs a command's body inside a host, turning expected failures into one-line errors and exit code 2.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parse,
        GlobalOptions globals,
        CliConsole console,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? overrides = null) =>
        await RunHostAsync(parse, globals, console, (host, token) => body(host.Services, token), cancellationToken, overrides).ConfigureAwait(false);

    /// <summary>The same for a command that runs the host itself (its hosted services), with services of its own.</summary>
    public static async Task<int> RunHostAsync(
        ParseResult parse,
        GlobalOptions globals,
        CliConsole console,
        Func<IHost, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IHostApplicationBuilder>? configure = null)
    {
        return await GuardAsync(console, async () =>
        {
            using var host = CliHost.Build(parse, globals, overrides, configure);
            return await body(host, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="run"/>, turning the expected failures into one <c>error:</c> line and exit code 2.</summary>
    public static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NothingToDoException or InvalidNameException or UnknownOwnerException or ModelNotFoundException or Personalization.Models.LocalFeatures.NativeDependencyException or OptionsValidationException or InvalidDataException or DirectoryNotFoundException
            or System.ClientModel.ClientResultException or HttpRequestException or global::Azure.Identity.AuthenticationFailedException)
        {
            await console.Error.WriteLineAsync($"error: {Output.TerminalText.Escape(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Fatal;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Fatal;
        }
    }

    /// <summary>Parses an owner id, or writes why not.</summary>
    public static OwnerId ParseOwner(string? value) => OwnerId.Parse(value);
}
