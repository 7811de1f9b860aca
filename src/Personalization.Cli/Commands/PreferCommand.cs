using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Cli.Output;
using Personalization.Cli.Reporting;
using Personalization.Core.Domain;
using Personalization.Core.Ports;
using Personalization.Core.Preference;

namespace Personalization.Cli.Commands;

/// <summary>
/// <c>personalize prefer</c>: predict (and store) the owner's taste profile from liked and disliked images, then
/// say which of each candidate pair the owner would prefer, dimension by dimension.
/// </summary>
internal static class PreferCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var owner = new Option<string>("--owner") { Description = "Whose taste.", Required = true };
        var liked = new Option<string[]>("--liked") { Description = "Images (or folders) the owner liked; builds and stores a new profile.", AllowMultipleArgumentsPerToken = true };
        var disliked = new Option<string[]>("--disliked") { Description = "Images (or folders) the owner disliked.", AllowMultipleArgumentsPerToken = true };
        var candidates = new Option<string[]>("--candidates") { Description = "Two candidate images A B.", AllowMultipleArgumentsPerToken = true };
        var pairs = new Option<string?>("--pairs") { Description = "A file of candidate pairs, one 'A<TAB>B' per line." };
        var output = new Option<string>("--out") { Description = "Folder for the verdicts and report.html.", DefaultValueFactory = _ => Path.Combine("out", "prefer") };
        var json = new Option<bool>("--json") { Description = "Print the profile and the verdicts as one JSON document instead of text." };
        var command = new Command("prefer", "Predicts the owner's taste (art style, colour, detail, medium, saturation) from liked/disliked images and judges candidate pairs.")
        {
            owner, liked, disliked, candidates, pairs, output, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console, async (services, token) =>
        {
            var id = OwnerId.Parse(parse.GetValue(owner));
            var service = services.GetRequiredService<PreferenceService>();
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var asJson = parse.GetValue(json);
            var text = asJson ? TextWriter.Null : console.Out;
            var failed = 0;
            try
            {
                var likedFiles = parse.GetValue(liked) ?? [];
                PreferenceProfile profile;
                if (likedFiles.Length > 0 || (parse.GetValue(disliked)?.Length ?? 0) > 0)
                {
                    var outcome = await service.BuildProfileAsync(id, ImageFiles.Expand(likedFiles), ImageFiles.Expand(parse.GetValue(disliked) ?? []), token).ConfigureAwait(false);
                    foreach (var (file, error) in outcome.Failures)
                    {
                        failed++;
                        await console.Error.WriteLineAsync($"error: {TerminalText.Escape(file)}: {TerminalText.Escape(error)}").ConfigureAwait(false);
                    }

                    profile = outcome.Profile;
                    await text.WriteLineAsync($"profile of {id} from {profile.LikedCount} liked and {profile.DislikedCount} disliked images:").ConfigureAwait(false);
                    await ProfileCommand.PrintAsync(text, profile).ConfigureAwait(false);
                }
                else
                {
                    profile = await services.GetRequiredService<IPreferenceProfileStore>().GetAsync(id, token).ConfigureAwait(false)
                        ?? throw new PreferenceException($"owner '{id}' has no preference profile; give --liked (and --disliked) images");
                }

                // The pairs are read (and checked) before anything in --out is touched; then an earlier run's
                // verdicts, report and thumbnails go, so none of them sits beside this run's.
                var toJudge = ReadPairs(parse.GetValue(candidates), parse.GetValue(pairs)).ToList();
                await OutputFolder.ClearPreferenceAsync(console, outDir).ConfigureAwait(false);
                var verdicts = new List<(PreferenceVerdict Verdict, string A, string B)>();
                foreach (var (a, b) in toJudge)
                {
                    try
                    {
                        var verdict = await service.JudgeAsync(id, ImageSource.FromFile(a), ImageSource.FromFile(b), token).ConfigureAwait(false);
                        verdicts.Add((verdict, a, b));
                        await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{a} vs {b}\t→ {verdict.Preferred} ({(verdict.Preferred == "A" ? a : b)})\tconfidence {verdict.Confidence:F3}{(verdict.Consistent ? string.Empty : "\tINCONSISTENT when swapped")}")).ConfigureAwait(false);
                        await JsonOutput.WriteAsync(Path.Combine(outDir, $"verdict-{verdicts.Count:D3}.json"), new { verdict, profile }, token).ConfigureAwait(false);
                    }
                    catch (PreferenceException e)
                    {
                        failed++;
                        await console.Error.WriteLineAsync($"error: {TerminalText.Escape(a)} vs {TerminalText.Escape(b)}: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                    }
                }

                await PreferenceReport.WriteAsync(services, outDir, profile, parse.GetValue(liked) ?? [], parse.GetValue(disliked) ?? [], verdicts, token).ConfigureAwait(false);
                if (asJson)
                {
                    await JsonOutput.PrintAsync(console.Out, new PreferDocument(ProfileDocument.From(profile), [.. verdicts.Select(v => v.Verdict)])).ConfigureAwait(false);
                }

                return failed == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
            }
            catch (PreferenceException e)
            {
                await console.Error.WriteLineAsync($"error: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Fatal;
            }
        }, ct));
        return command;
    }

    private static IEnumerable<(string A, string B)> ReadPairs(string[]? candidates, string? pairsFile)
    {
        if (candidates is { Length: > 0 })
        {
            if (candidates.Length != 2)
            {
                throw new PreferenceException($"--candidates takes exactly two images, got {candidates.Length}");
            }

            yield return (candidates[0], candidates[1]);
        }

        if (pairsFile is not null)
        {
            foreach (var line in File.ReadLines(pairsFile).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
            {
                var parts = line.Split('\t');
                if (parts.Length != 2)
                {
                    throw new PreferenceException($"a line of {pairsFile} is not 'A<TAB>B': '{line}'");
                }

                yield return (parts[0].Trim(), parts[1].Trim());
            }
        }
    }
}
