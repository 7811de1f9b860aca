using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Core.Domain;
using Personalization.Core.Preference;

namespace Personalization.Cli.Commands;

/// <summary><c>personalize profile</c>: show the owner's stored taste profile.</summary>
internal static class ProfileCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "Whose profile.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the profile as one JSON document instead of text." };
        var command = new Command("profile", "Shows the owner's stored preference profile: per dimension what they like and dislike, and how much it counts.") { owner, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            try
            {
                var profile = await services.GetRequiredService<IPreferenceProfileStore>().GetAsync(id, token).ConfigureAwait(false);
                if (profile is null)
                {
                    await console.Error.WriteLineAsync($"error: owner '{id}' has no preference profile").ConfigureAwait(false);
                    return ExitCodes.Fatal;
                }

                if (parse.GetValue(json))
                {
                    await JsonOutput.PrintAsync(console.Out, ProfileDocument.From(profile)).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await PrintAsync(console.Out, profile).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (PreferenceException e)
            {
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }
        }, ct));
        return command;
    }

    public static async Task PrintAsync(TextWriter writer, PreferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var d in profile.Dimensions)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {OfflinePreferenceModel.Name(d.Dimension),-11} weight {d.Weight,6:F2}{HeldOut(d)}  likes: {Join(d, d.Likes)}  dislikes: {Join(d, d.Dislikes)}")).ConfigureAwait(false);
        }
    }

    /// <summary>How sure the dimension is as a whole, where measured: <c>, held out 100 %</c> = every left-out reference on its own side.</summary>
    internal static string HeldOut(DimensionProfile d) =>
        d.HeldOut is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", held out {d.HeldOut.Consistency * 100,3:0} %");

    /// <summary>The terms, each with how sure it is where that was measured: <c>vivid (100 % of liked vs 0 % of disliked)</c>.</summary>
    internal static string Join(DimensionProfile d, IReadOnlyList<string> terms) =>
        terms.Count == 0 ? "–" : string.Join(", ", terms.Select(t => d.Support?.FirstOrDefault(s => s.Term == t)?.ToString() ?? t));
}
