using System.CommandLine;
using Personalization.Cli.Commands;

namespace Personalization.Cli;

/// <summary>The <c>personalize</c> command line: its commands and global options.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error, interactive: stdout is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "personalize — recognise the things you own and named in your photos, with no training.\n" +
            "Enrol each concept with a photo, then recognise, caption and judge new photos.");
        globals.AddTo(root);
        root.Subcommands.Add(EnrollCommand.Create(globals, console));
        root.Subcommands.Add(ConceptsCommand.Create(globals, console));
        root.Subcommands.Add(ForgetCommand.Create(globals, console));
        root.Subcommands.Add(ConfirmCommand.Create(globals, console));
        root.Subcommands.Add(RejectCommand.Create(globals, console));
        root.Subcommands.Add(RecognizeCommand.Create(globals, console));
        root.Subcommands.Add(AskCommand.Create(globals, console));
        root.Subcommands.Add(DemoCommand.Create(globals, console));
        root.Subcommands.Add(EvalCommand.Create(globals, console));
        root.Subcommands.Add(MakeBenchmarkCommand.Create(console));
        root.Subcommands.Add(ScoreCaptionsCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(globals, console));
        root.Subcommands.Add(PreferCommand.Create(globals, console));
        root.Subcommands.Add(ProfileCommand.Create(globals, console));
        root.Subcommands.Add(EvalPreferCommand.Create(globals, console));
        root.Subcommands.Add(WorkerCommand.Create(globals, console));
        root.Subcommands.Add(ServeCommand.Create(globals, console));
        root.Subcommands.Add(FindCommand.Create(globals, console));
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            return await UsageErrorAsync(parse, console).ConfigureAwait(false);
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Bad arguments: one <c>error:</c> line each and where to find the usage, exit 2 (nothing was done).</summary>
    private static async Task<int> UsageErrorAsync(ParseResult parse, CliConsole console)
    {
        foreach (var error in parse.Errors)
        {
            await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
        }

        var command = parse.CommandResult.Command is RootCommand ? "personalize" : $"personalize {parse.CommandResult.Command.Name}";
        await console.Error.WriteLineAsync($"usage: {command} --help").ConfigureAwait(false);
        return ExitCodes.Fatal;
    }
}
